import '@fastify/multipart';
import { ATTACHMENT_FIELD } from '@keel/shared';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { type BlobStore, discardStaged, type StagedBlob, stageUpload, tooLarge } from './blob-store.js';
import { sanitiseFileName } from './file-name.js';

/** One uploaded file, staged on disk and described by what the client sent. */
export type Upload = { staged: StagedBlob; fileName: string; declaredMediaType: string | null };

/** Room for the multipart boundary and part headers on top of the file itself. */
const MULTIPART_OVERHEAD_BYTES = 16 * 1024;
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/;

/** What a client said a file is, kept only when it looks like a media type (it is informative, never trusted). */
export function declaredMediaType(value: string): string | null {
  const lower = value.toLowerCase();
  return MEDIA_TYPE.test(lower) ? lower : null;
}

const oneFile = () =>
  new AppError('validation_failed', `Send exactly one file, in the multipart field "${ATTACHMENT_FIELD}"`, {
    errors: [{ path: ATTACHMENT_FIELD, message: 'Exactly one file is required' }],
  });

/** A body that is not multipart, breaks the format or carries other parts is the client's mistake, not ours. */
function clientMistake(error: unknown, store: BlobStore): unknown {
  if (error instanceof AppError) return error;
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return new AppError('unsupported_media_type', 'Upload files as multipart/form-data');
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(store);
  if (code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') return oneFile();
  return new AppError(
    'validation_failed',
    `The multipart body could not be read: ${error instanceof Error ? error.message : 'unknown error'}`,
  );
}

/** The file's bytes, with parser failures (a truncated or malformed body) turned into 400s; disk errors are not touched. */
async function* bytesOf(file: AsyncIterable<Uint8Array>, store: BlobStore): AsyncIterable<Uint8Array> {
  try {
    for await (const chunk of file) yield chunk;
  } catch (error) {
    throw clientMistake(error, store);
  }
}

/** Refuses, before reading a byte, a body whose declared length is already over the limit. */
export function checkDeclaredLength(req: FastifyRequest, store: BlobStore): void {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > store.maxBytes + MULTIPART_OVERHEAD_BYTES) throw tooLarge(store);
}

/**
 * Reads the single file of a multipart upload into the blob store's temp folder. Anything
 * but exactly one part, a file in the field "file", is a 400; over the limit is a 413 with
 * nothing kept.
 */
export async function receiveUpload(req: FastifyRequest, store: BlobStore): Promise<Upload> {
  const parts = req.parts({
    // One byte over the limit must reach stageUpload, which refuses it (busboy would quietly truncate).
    limits: { fileSize: store.maxBytes + 1, files: 1, fields: 0, parts: 1, fieldNameSize: 100, headerPairs: 20 },
  });
  let first: Awaited<ReturnType<typeof parts.next>>;
  try {
    first = await parts.next();
  } catch (error) {
    throw clientMistake(error, store);
  }
  const part = first.value;
  if (first.done || !part || part.type !== 'file' || part.fieldname !== ATTACHMENT_FIELD) throw oneFile();
  const staged = await stageUpload(store, bytesOf(part.file, store));
  try {
    // Reading on to the end of the body surfaces a second file or a stray field as an error.
    const rest = await parts.next();
    if (!rest.done) throw oneFile();
  } catch (error) {
    await discardStaged(staged);
    throw clientMistake(error, store);
  }
  return {
    staged,
    fileName: sanitiseFileName(part.filename),
    declaredMediaType: declaredMediaType(part.mimetype),
  };
}
