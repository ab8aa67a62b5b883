import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import '@fastify/multipart';
import { IMPORT_MAX_BYTES } from '@keel/shared';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.js';

export type ImportUpload = { file: string; fileName: string; mappingJson: string | null };

const tooLarge = () => new AppError('payload_too_large', `An import file may be at most ${IMPORT_MAX_BYTES / 1024 / 1024} MiB`);
const badBody = (message: string) => new AppError('validation_failed', message, { errors: [{ path: 'file', message }] });

/**
 * Reads the multipart body: an optional text field `mapping` (edited JSON) and then exactly
 * one file in `file`, streamed to a temp file under the data folder (removed by the caller).
 */
export async function receiveImport(req: FastifyRequest, dataDir: string): Promise<ImportUpload> {
  if (!req.isMultipart()) throw new AppError('unsupported_media_type', 'Upload the log as multipart/form-data');
  const dir = path.join(dataDir, 'imports', 'tmp');
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, `${randomUUID()}.part`);
  let mappingJson: string | null = null;
  let fileName: string | null = null;
  try {
    const parts = req.parts({ limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 1, fieldSize: 256 * 1024, parts: 2 } });
    for await (const part of parts) {
      if (part.type === 'field') {
        if (part.fieldname !== 'mapping' || typeof part.value !== 'string') throw badBody('The only field allowed is "mapping"');
        mappingJson = part.value;
        continue;
      }
      if (part.fieldname !== 'file') throw badBody('Send the log in the field "file"');
      await pipeline(part.file, fs.createWriteStream(target));
      if (part.file.truncated) throw tooLarge();
      fileName = path.basename(part.filename || 'import.csv').slice(0, 200);
    }
  } catch (error) {
    fs.rmSync(target, { force: true });
    if (error instanceof AppError) throw error;
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    throw badBody(`The multipart body could not be read: ${error instanceof Error ? error.message : 'unknown error'}`);
  }
  if (fileName === null) throw badBody('Send exactly one file, in the field "file"');
  return { file: target, fileName, mappingJson };
}
