import { type Kysely, sql } from 'kysely';
import { type Dialect, idColumn } from '../migration-helpers.js';

/**
 * Inbound mail: one row per message Keel accepted, keyed by its Message-ID so a message the
 * sending server delivers again is acknowledged without a second record.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  await db.schema
    .createTable('mail_messages')
    .addColumn('id', id.type, id.build)
    .addColumn('message_id', 'text', (c) => c.notNull().unique())
    // Lower-cased From address; null when the mail named none we could read.
    .addColumn('sender', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('record_id', 'integer', (c) => c.references('records.id').onDelete('set null'))
    .addColumn('journal_entry_id', 'integer', (c) => c.references('journal_entries.id').onDelete('set null'))
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .execute();
  // Replies find the record of an earlier message in References; the rate limit counts a sender's recent mail.
  await db.schema.createIndex('mail_messages_record').on('mail_messages').columns(['record_id']).execute();
  await db.schema.createIndex('mail_messages_outcome').on('mail_messages').columns(['outcome', 'id']).execute();
  await db.schema.createIndex('mail_messages_sender').on('mail_messages').columns(['sender', 'received_at']).execute();
  // A sender is matched to a customer by address, compared case-insensitively.
  await db.schema.createIndex('users_email_lower').on('users').expression(sql`lower(email)`).execute();
}
