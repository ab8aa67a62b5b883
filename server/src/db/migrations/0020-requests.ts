import { type Kysely, sql } from 'kysely';
import { type Dialect, idColumn } from '../migration-helpers.js';

/** Permissions the built-in staff roles gain with service requests and ratings (an upgraded database keeps its roles otherwise). */
const ADDED: Record<string, string[]> = {
  service_manager: ['requests.read', 'requests.manage', 'ratings.read'],
  agent: ['requests.read', 'requests.manage', 'ratings.read'],
  change_manager: ['requests.read', 'requests.manage', 'ratings.read'],
  cab_member: ['requests.read', 'requests.manage', 'ratings.read'],
  problem_manager: ['requests.read', 'requests.manage', 'ratings.read'],
  security_officer: ['requests.read', 'requests.manage', 'ratings.read'],
  auditor: ['requests.read', 'ratings.read'],
};

/**
 * Service requests and satisfaction (P-6.1, P-5.3): the request type's own fields (the
 * catalogue item, from 0016, and the answers to its form), one rating per closed ticket, and
 * each user's manager (who approves their requests).
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  await db.schema
    .createTable('request_ext')
    .addColumn('record_id', 'integer', (c) => c.primaryKey().references('records.id').onDelete('cascade'))
    .addColumn('catalogue_item_id', 'integer', (c) => c.references('catalogue_items.id'))
    .addColumn('answers', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('approval_state', 'text', (c) => c.notNull().defaultTo('not_required'))
    .execute();
  await db.schema.createIndex('request_ext_item').on('request_ext').columns(['catalogue_item_id', 'record_id']).execute();

  await db.schema
    .createTable('ticket_ratings')
    .addColumn('id', id.type, id.build)
    .addColumn('record_id', 'integer', (c) => c.notNull().unique().references('records.id').onDelete('cascade'))
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('rated_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('rated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ticket_ratings_rated_at').on('ticket_ratings').columns(['rated_at', 'record_id']).execute();

  await db.schema
    .alterTable('users')
    .addColumn('manager_id', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('users_manager').on('users').column('manager_id').execute();

  const roles = await sql<{
    id: number;
    key: string;
    permissions: string;
  }>`select id, key, permissions from roles where built_in = 1`.execute(db);
  for (const role of roles.rows) {
    const added = ADDED[role.key];
    if (!added) continue;
    const parsed: unknown = JSON.parse(role.permissions);
    const current = Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string') : [];
    const next = [...new Set([...current, ...added])].sort();
    await sql`update roles set permissions = ${JSON.stringify(next)} where id = ${role.id}`.execute(db);
  }
}
