import type { Statement } from 'better-sqlite3';
import { sql } from 'kysely';
import type { Db } from '../../db/connect.js';

/**
 * The hot path of every authenticated request: the session (or user), the user, their
 * organisation and their roles in ONE query. On SQLite the statement is prepared once per
 * connection; on PostgreSQL it is a named prepared statement, so neither re-parses it.
 * The SQL is kept here, visible, per dialect (CONVENTIONS: hot queries are reviewed as SQL).
 */
export type ActorRow = {
  id: number;
  username: string;
  display_name: string;
  email: string | null;
  kind: 'staff' | 'customer';
  organisation_id: number | null;
  organisation_name: string | null;
  sees_org_records: number;
  locale: 'zh-CN' | 'en';
  time_zone: string;
  active: number;
  must_change_password: number;
  /** JSON array of [role key, permissions JSON text]. */
  roles: string;
  session_csrf_token: string | null;
  session_last_seen_at: number | null;
  session_expires_at: number | null;
};

const USER_COLUMNS = `u.id, u.username, u.display_name, u.email, u.kind, u.organisation_id, o.name as organisation_name,
  u.sees_org_records, u.locale, u.time_zone, u.active, u.must_change_password`;

const ROLES = {
  sqlite: `(select json_group_array(json_array(r.key, r.permissions))
     from user_roles ur join roles r on r.id = ur.role_id where ur.user_id = u.id)`,
  postgres: `(select coalesce(json_agg(json_build_array(r.key, r.permissions)), '[]'::json)::text
     from user_roles ur join roles r on r.id = ur.role_id where ur.user_id = u.id)`,
} as const;

/** Each query ends just before its one parameter, which the caller appends in its dialect's form. */
function bySessionSql(dialect: Db['dialect']): string {
  return `select ${USER_COLUMNS}, ${ROLES[dialect]} as roles,
    s.csrf_token as session_csrf_token, s.last_seen_at as session_last_seen_at, s.expires_at as session_expires_at
    from sessions s join users u on u.id = s.user_id left join organisations o on o.id = u.organisation_id
    where s.id_hash = `;
}

function byUserSql(dialect: Db['dialect']): string {
  return `select ${USER_COLUMNS}, ${ROLES[dialect]} as roles,
    null as session_csrf_token, null as session_last_seen_at, null as session_expires_at
    from users u left join organisations o on o.id = u.organisation_id
    where u.id = `;
}

type Lookup = 'session' | 'user';
const statements = new WeakMap<object, Record<Lookup, Statement<[string | number], ActorRow>>>();

function isActorRow(value: unknown): value is ActorRow {
  return typeof value === 'object' && value !== null && 'id' in value && 'roles' in value;
}

export async function queryActorRow(db: Db, lookup: Lookup, key: string | number): Promise<ActorRow | undefined> {
  // While another request's transaction is open on SQLite's one connection, a direct read would
  // see its uncommitted rows: go through Kysely, which waits for the connection instead.
  if (db.sqlite?.inTransaction) {
    const text = lookup === 'session' ? bySessionSql('sqlite') : byUserSql('sqlite');
    const result = await sql<ActorRow>`${sql.raw(text)}${key}`.execute(db.kysely);
    return result.rows[0];
  }
  if (db.sqlite) {
    let prepared = statements.get(db.sqlite);
    if (!prepared) {
      prepared = {
        session: db.sqlite.prepare<[string | number], ActorRow>(`${bySessionSql('sqlite')}?`),
        user: db.sqlite.prepare<[string | number], ActorRow>(`${byUserSql('sqlite')}?`),
      };
      statements.set(db.sqlite, prepared);
    }
    return prepared[lookup].get(key);
  }
  if (!db.pool) throw new Error('No database handle');
  const result = await db.pool.query({
    name: `keel_actor_by_${lookup}`,
    text: `${lookup === 'session' ? bySessionSql('postgres') : byUserSql('postgres')}$1`,
    values: [key],
  });
  const row: unknown = result.rows[0];
  return isActorRow(row) ? row : undefined;
}
