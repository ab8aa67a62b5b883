import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { type AuditContext, appendAudit } from '../audit/append.js';
import { forbidden } from '../errors.js';
import { appendJournal } from '../records/journal.js';
import { type BlobStore, placeBlob } from './blob-store.js';
import { type AttachmentOwner, findAttachment } from './queries.js';
import type { Upload } from './receive.js';

type Trx = Transaction<Database>;

/**
 * Attaches a staged upload to a record: the blob row (locked, so housekeeping cannot remove
 * it meanwhile), the file moved to its content address, the attachment, a journal entry and
 * the audit event, all in the caller's transaction.
 */
export async function addAttachment(
  trx: Trx,
  ctx: AuditContext,
  store: BlobStore,
  /** uploaderId is null for a file that came with a mail from a sender matched to no user. */
  input: { record: AttachmentOwner; uploaderId: number | null; upload: Upload },
): Promise<number> {
  const { record, uploaderId, upload } = input;
  const { staged } = upload;
  const now = Date.now();
  await trx
    .insertInto('blobs')
    .values({ sha256: staged.sha256, size: staged.size, media_type: staged.mediaType, created_at: now })
    // The no-op update takes the row lock an existing blob needs to be safe from the sweep.
    .onConflict((oc) => oc.column('sha256').doUpdateSet((eb) => ({ size: eb.ref('excluded.size') })))
    .execute();
  await placeBlob(store, staged);
  const row = await trx
    .insertInto('record_attachments')
    .values({
      record_id: record.id,
      blob_sha256: staged.sha256,
      file_name: upload.fileName,
      declared_media_type: upload.declaredMediaType,
      media_type: staged.mediaType,
      size: staged.size,
      uploaded_by: uploaderId,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const described = { attachmentId: row.id, fileName: upload.fileName, size: staged.size, mediaType: staged.mediaType };
  await appendJournal(trx, {
    recordId: record.id,
    kind: 'attachment_added',
    visibility: 'public',
    data: described,
    authorId: uploaderId,
  });
  await trx.updateTable('records').set({ updated_at: now }).where('id', '=', record.id).execute();
  await appendAudit(trx, ctx, {
    action: 'record.attached',
    objectType: record.type,
    objectId: record.id,
    objectLabel: record.number,
    changes: { attachment: [null, { ...described, sha256: staged.sha256 }] },
  });
  return row.id;
}

/**
 * Removes an attachment: the row goes (the audit event keeps its name, size and hash) and
 * the journal says so. The content is deleted by housekeeping once no attachment uses it.
 * Customers may remove only what they attached themselves.
 */
export async function removeAttachment(
  trx: Trx,
  ctx: AuditContext,
  input: { record: AttachmentOwner; actor: Actor; attachmentId: number },
): Promise<void> {
  const { record, actor } = input;
  const row = await findAttachment(trx, record.id, input.attachmentId);
  if (actor.kind === 'customer' && row.uploaded_by !== actor.userId) throw forbidden('Customers can remove only their own attachments');
  await trx.deleteFrom('record_attachments').where('id', '=', row.id).execute();
  const described = { attachmentId: row.id, fileName: row.file_name, size: row.size, mediaType: row.media_type };
  await appendJournal(trx, {
    recordId: record.id,
    kind: 'attachment_removed',
    visibility: 'public',
    data: described,
    authorId: actor.userId,
  });
  await trx.updateTable('records').set({ updated_at: Date.now() }).where('id', '=', record.id).execute();
  await appendAudit(trx, ctx, {
    action: 'record.detached',
    objectType: record.type,
    objectId: record.id,
    objectLabel: record.number,
    changes: { attachment: [{ ...described, sha256: row.blob_sha256 }, null] },
  });
}
