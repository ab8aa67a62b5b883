import { type Kysely, sql } from 'kysely';
import { type Dialect, idColumn } from '../migration-helpers.js';

/**
 * The services records are raised against (P-3.1; the catalogue builds on this table), and
 * what every record keeps about where it came from: its channel, the source system's own
 * identifier, and how often it was reassigned and reopened (P-6.1 reports).
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  await db.schema
    .createTable('services')
    .addColumn('id', id.type, id.build)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('owner_id', 'integer', (c) => c.references('users.id'))
    .addColumn('calendar_id', 'integer', (c) => c.references('calendars.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .alterTable('records')
    .addColumn('service_id', 'integer', (c) => c.references('services.id'))
    .execute();
  await db.schema
    .alterTable('records')
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('agent'))
    .execute();
  await db.schema.alterTable('records').addColumn('external_id', 'text').execute();
  await db.schema
    .alterTable('records')
    .addColumn('reassignment_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('records')
    .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // Open records per service (dashboards, queues) and the import's lookup by the source's own id.
  await db.schema.createIndex('records_type_service').on('records').columns(['type', 'service_id', 'state_category', 'id']).execute();
  await sql`create unique index records_type_external on records (type, external_id) where external_id is not null`.execute(db);
}
