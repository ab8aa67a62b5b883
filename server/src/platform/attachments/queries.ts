import type { Attachment } from '@keel/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { iso } from '../../db/time.js';
import { notFound } from '../errors.js';
import { servedMediaType } from './media-type.js';

/** The record an attachment belongs to, as much as its URLs and audit events need. */
export type AttachmentOwner = { id: number; number: string; type: string };

function attachmentQuery(db: Kysely<Database>) {
  return db
    .selectFrom('record_attachments')
    .leftJoin('users', 'users.id', 'record_attachments.uploaded_by')
    .selectAll('record_attachments')
    .select('users.display_name as uploaded_by_name');
}

export type AttachmentRow = Awaited<ReturnType<ReturnType<typeof attachmentQuery>['executeTakeFirstOrThrow']>>;

export function presentAttachment(row: AttachmentRow, recordPath: string): Attachment {
  return {
    id: row.id,
    fileName: row.file_name,
    size: row.size,
    mediaType: row.media_type,
    servedMediaType: servedMediaType(row.media_type),
    declaredMediaType: row.declared_media_type,
    sha256: row.blob_sha256,
    uploadedById: row.uploaded_by,
    uploadedByName: row.uploaded_by_name,
    createdAt: iso(row.created_at),
    contentUrl: `${recordPath}/attachments/${row.id}/content`,
  };
}

/** The API path of a record (/api/v1/tasks/TASK-000042), which every attachment URL extends. */
export const recordPathOf = (typePath: string, number: string) => `/api/v1/${typePath}/${number}`;

/** A record's attachments, oldest first; the caller has already checked that the record is visible. */
export async function listAttachments(db: Kysely<Database>, recordId: number): Promise<AttachmentRow[]> {
  return attachmentQuery(db).where('record_attachments.record_id', '=', recordId).orderBy('record_attachments.id').execute();
}

/** One attachment of this record; another record's attachment id is "not found" like a missing one. */
export async function findAttachment(db: Kysely<Database>, recordId: number, attachmentId: number): Promise<AttachmentRow> {
  const row = await attachmentQuery(db)
    .where('record_attachments.id', '=', attachmentId)
    .where('record_attachments.record_id', '=', recordId)
    .executeTakeFirst();
  if (!row) throw notFound('attachment');
  return row;
}
