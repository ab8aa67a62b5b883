import type { Kysely } from 'kysely';
import { type Dialect, idColumn } from '../migration-helpers.js';

/** In-app notifications (the bell) and each user's choice of channels per event. */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  await db.schema
    .createTable('notifications')
    .addColumn('id', id.type, id.build)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('record_id', 'integer', (c) => c.notNull().references('records.id').onDelete('cascade'))
    // What the record and the actor were called at the time: the bell shows the notification as it was sent.
    .addColumn('record_type', 'text', (c) => c.notNull())
    .addColumn('record_number', 'text', (c) => c.notNull())
    .addColumn('record_title', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('actor_name', 'text')
    .addColumn('params', 'text', (c) => c.notNull().defaultTo('{}'))
    // One notification per event, source and recipient, however often the code path runs.
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('read_at', 'bigint')
    .execute();
  // The unread count and the unread list are one range of this index; the full list is the next one.
  await db.schema.createIndex('notifications_inbox').on('notifications').columns(['user_id', 'read_at', 'id']).execute();
  await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'id']).execute();

  await db.schema
    .createTable('notification_preferences')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('in_app', 'integer', (c) => c.notNull())
    .addColumn('email', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_preferences_pk', ['user_id', 'event'])
    .execute();
}
