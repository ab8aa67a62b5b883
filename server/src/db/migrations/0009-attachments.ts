import type { Kysely } from 'kysely';
import { type Dialect, idColumn } from '../migration-helpers.js';

/**
 * Attachments: file contents stored once per SHA-256 (the bytes live on disk under the data
 * directory, on both dialects), and each record's attachments pointing at them. Removing an
 * attachment deletes its row (the audit trail keeps name, size and hash); a blob nothing
 * points at any more is swept by housekeeping.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  await db.schema
    .createTable('blobs')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('record_attachments')
    .addColumn('id', id.type, id.build)
    .addColumn('record_id', 'integer', (c) => c.notNull().references('records.id').onDelete('cascade'))
    // No cascade: a blob row can only go once nothing points at it (housekeeping relies on this).
    .addColumn('blob_sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('declared_media_type', 'text')
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('uploaded_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('record_attachments_record').on('record_attachments').columns(['record_id', 'id']).execute();
  await db.schema.createIndex('record_attachments_blob').on('record_attachments').columns(['blob_sha256', 'id']).execute();
}
