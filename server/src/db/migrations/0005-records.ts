import type { Kysely } from 'kysely';
import { type Dialect, idColumn } from '../migration-helpers.js';

/** The records engine's base table and per-type numbering. */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  await db.schema
    .createTable('record_sequences')
    .addColumn('type', 'text', (c) => c.primaryKey())
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('records')
    .addColumn('id', id.type, id.build)
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('state_category', 'text', (c) => c.notNull())
    .addColumn('impact', 'integer')
    .addColumn('urgency', 'integer')
    .addColumn('priority', 'integer')
    .addColumn('category', 'text')
    .addColumn('requester_id', 'integer', (c) => c.references('users.id'))
    .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id'))
    .addColumn('assignee_id', 'integer', (c) => c.references('users.id'))
    .addColumn('group_id', 'integer', (c) => c.references('groups.id'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('opened_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('resolved_at', 'bigint')
    .addColumn('closed_at', 'bigint')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // Every list is per type; each index ends in id for keyset paging.
  await db.schema.createIndex('records_type_updated').on('records').columns(['type', 'updated_at', 'id']).execute();
  await db.schema.createIndex('records_type_priority').on('records').columns(['type', 'priority', 'id']).execute();
  await db.schema.createIndex('records_type_state_group').on('records').columns(['type', 'state_category', 'group_id', 'id']).execute();
  await db.schema.createIndex('records_assignee').on('records').columns(['assignee_id', 'id']).execute();
  await db.schema.createIndex('records_requester').on('records').columns(['requester_id', 'id']).execute();
  await db.schema.createIndex('records_organisation').on('records').columns(['organisation_id', 'id']).execute();
}
