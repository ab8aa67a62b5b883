import { type Kysely, sql } from 'kysely';
import { type Dialect, idColumn } from '../migration-helpers.js';
import { NO_PRIORITY } from '../sort-keys.js';
import { trigramSchemaOf } from '../trigram.js';

/**
 * Lists, saved views and search: an index ending in id behind every filter and sort of the
 * record list (keyset pages at any depth), saved views, and the text index over number,
 * title and description (SQLite FTS5 trigram; PostgreSQL pg_trgm GIN).
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await listIndexes(db);
  await savedViews(db, dialect);
  if (dialect === 'sqlite') await sqliteTextIndex(db);
  else await postgresTextIndex(db);
}

async function listIndexes(db: Kysely<unknown>): Promise<void> {
  const index = (name: string, columns: string[]) => db.schema.createIndex(name).on('records').columns(columns).execute();
  await index('records_type_id', ['type', 'id']);
  await index('records_type_state', ['type', 'state', 'id']);
  await index('records_type_category_state', ['type', 'state_category', 'id']);
  await index('records_type_impact', ['type', 'impact', 'id']);
  await index('records_type_urgency', ['type', 'urgency', 'id']);
  await index('records_type_category', ['type', 'category', 'id']);
  await index('records_type_group', ['type', 'group_id', 'id']);
  await index('records_type_opened', ['type', 'opened_at', 'id']);
  await index('records_type_resolved', ['type', 'resolved_at', 'id']);
  await index('records_type_closed', ['type', 'closed_at', 'id']);
  // Sorting by priority puts records without one last: the sort key is this exact expression.
  await sql`create index records_type_priority_sort on records (type, (coalesce(priority, ${sql.lit(NO_PRIORITY)})), id)`.execute(db);
}

async function savedViews(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  await db.schema
    .createTable('saved_views')
    .addColumn('id', id.type, id.build)
    .addColumn('owner_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('shared', 'integer', (c) => c.notNull().defaultTo(0))
    // The list's query parameters and the columns, as validated JSON.
    .addColumn('params', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('columns', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('saved_views_owner_name', ['owner_id', 'type', 'name_key'])
    .execute();
  await db.schema.createIndex('saved_views_shared').on('saved_views').columns(['type', 'shared', 'id']).execute();
}

/** External content: the index reads number, title and description from `records`; triggers keep it current, so no command changes. */
async function sqliteTextIndex(db: Kysely<unknown>): Promise<void> {
  const columns = 'number, title, description';
  await sql
    .raw(`create virtual table records_fts using fts5(${columns}, content='records', content_rowid='id', tokenize='trigram')`)
    .execute(db);
  await sql
    .raw(`create trigger records_fts_insert after insert on records begin
      insert into records_fts(rowid, ${columns}) values (new.id, new.number, new.title, new.description);
    end`)
    .execute(db);
  await sql
    .raw(`create trigger records_fts_delete after delete on records begin
      insert into records_fts(records_fts, rowid, ${columns}) values ('delete', old.id, old.number, old.title, old.description);
    end`)
    .execute(db);
  await sql
    .raw(`create trigger records_fts_update after update of ${columns} on records begin
      insert into records_fts(records_fts, rowid, ${columns}) values ('delete', old.id, old.number, old.title, old.description);
      insert into records_fts(rowid, ${columns}) values (new.id, new.number, new.title, new.description);
    end`)
    .execute(db);
  await sql.raw(`insert into records_fts(records_fts) values ('rebuild')`).execute(db);
}

/**
 * pg_trgm is one per database, so it lives in a schema every Keel schema can name (public, or
 * wherever an administrator installed it) and is referred to by that schema's name. Several
 * schemas migrating at once (tests, or processes starting together) would race on CREATE
 * EXTENSION; an advisory lock held to the end of the migration's transaction orders them.
 */
async function postgresTextIndex(db: Kysely<unknown>): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('keel:pg_trgm'))`.execute(db);
  let schema = await trigramSchemaOf(db);
  if (!schema) {
    await sql`create extension if not exists pg_trgm with schema public`.execute(db);
    schema = 'public';
  }
  const opclass = sql`${sql.id(schema)}.gin_trgm_ops`;
  for (const column of ['number', 'title', 'description']) {
    await sql`create index ${sql.id(`records_${column}_trgm`)} on records using gin (${sql.id(column)} ${opclass})`.execute(db);
  }
}
