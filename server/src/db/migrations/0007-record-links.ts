import type { Kysely } from 'kysely';
import { type Dialect, idColumn } from '../migration-helpers.js';

/** Typed links between records, stored once and shown from both ends. */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  await db.schema
    .createTable('record_links')
    .addColumn('id', id.type, id.build)
    .addColumn('from_id', 'integer', (c) => c.notNull().references('records.id').onDelete('cascade'))
    .addColumn('to_id', 'integer', (c) => c.notNull().references('records.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('record_links_unique', ['from_id', 'to_id', 'kind'])
    .execute();
  await db.schema.createIndex('record_links_to').on('record_links').columns(['to_id', 'id']).execute();
}
