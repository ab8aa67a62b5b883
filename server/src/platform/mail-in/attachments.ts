import { type BlobStore, discardStaged, stageUpload } from '../attachments/blob-store.js';
import { sanitiseFileName } from '../attachments/file-name.js';
import { refusal } from '../attachments/media-type.js';
import { declaredMediaType, type Upload } from '../attachments/receive.js';
import { AppError } from '../errors.js';
import type { MailAttachment } from './parse.js';

/** Why a file that came with a mail was not attached: the record still gets the mail. */
export type DroppedFile = { fileName: string; reason: 'too_large' | 'refused' | 'empty' };

async function* once(content: Buffer): AsyncIterable<Uint8Array> {
  yield content;
}

/**
 * Stages a mail's files in the blob store's temp folder under the same rules as uploads:
 * sniffed, programs refused, the attachment limit applied. A refused file is dropped with a
 * note instead of failing the whole mail.
 */
export async function stageMailFiles(store: BlobStore, files: readonly MailAttachment[]) {
  const uploads: Upload[] = [];
  const dropped: DroppedFile[] = [];
  for (const file of files) {
    const fileName = sanitiseFileName(file.fileName || 'attachment');
    if (file.content.byteLength === 0) {
      dropped.push({ fileName, reason: 'empty' });
      continue;
    }
    let staged: Awaited<ReturnType<typeof stageUpload>>;
    try {
      staged = await stageUpload(store, once(file.content));
    } catch (error) {
      if (error instanceof AppError && error.code === 'payload_too_large') {
        dropped.push({ fileName, reason: 'too_large' });
        continue;
      }
      await discardUploads(uploads);
      throw error;
    }
    if (refusal(fileName, staged.mediaType)) {
      await discardStaged(staged);
      dropped.push({ fileName, reason: 'refused' });
      continue;
    }
    uploads.push({ staged, fileName, declaredMediaType: declaredMediaType(file.contentType) });
  }
  return { uploads, dropped };
}

export async function discardUploads(uploads: readonly Upload[]): Promise<void> {
  for (const upload of uploads) await discardStaged(upload.staged);
}
