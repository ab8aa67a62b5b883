import type { Kysely } from 'kysely';
import { type Dialect, idColumn } from '../migration-helpers.js';

/**
 * What the importer keeps beside an imported record: how far into the source's history it
 * has been replayed (so a second run changes nothing), the source's SLA outcome and its other
 * columns; and links to records elsewhere by their external numbers (problems, changes), to
 * be joined when those records are imported.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  await db.schema
    .createTable('record_imports')
    .addColumn('record_id', 'integer', (c) => c.primaryKey().references('records.id').onDelete('cascade'))
    .addColumn('mapping', 'text', (c) => c.notNull())
    .addColumn('last_order', 'bigint', (c) => c.notNull())
    .addColumn('sla_met', 'integer')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('record_external_links')
    .addColumn('id', id.type, id.build)
    .addColumn('record_id', 'integer', (c) => c.notNull().references('records.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('external_number', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('record_external_links_unique')
    .on('record_external_links')
    .columns(['record_id', 'kind', 'external_number'])
    .unique()
    .execute();
  // Linking by number when the problem or change arrives: one index range per number.
  await db.schema.createIndex('record_external_links_number').on('record_external_links').columns(['kind', 'external_number']).execute();
}
