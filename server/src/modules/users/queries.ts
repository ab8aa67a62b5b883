import type { ListUsersQuery, Page, User } from '@keel/shared';
import type { Kysely } from 'kysely';
import { containsText } from '../../db/like.js';
import type { Database } from '../../db/schema.js';
import { userVisibility, type Visibility } from '../../platform/access/visibility.js';
import { userKey } from '../../platform/auth/throttle.js';
import { notFound } from '../../platform/errors.js';
import { pageBy, parseSort } from '../../platform/http/pagination.js';
import { presentUser, type UserListRow } from './present.js';

const SORT_COLUMNS = { username: 'users.username_key', displayName: 'users.display_name', createdAt: 'users.created_at' } as const;

function baseUserQuery(db: Kysely<Database>) {
  return db
    .selectFrom('users')
    .leftJoin('organisations', 'organisations.id', 'users.organisation_id')
    .leftJoin('users as manager', 'manager.id', 'users.manager_id')
    .select([
      'users.manager_id',
      'manager.display_name as manager_name',
      'users.id',
      'users.username',
      'users.username_key',
      'users.display_name',
      'users.email',
      'users.phone',
      'users.kind',
      'users.organisation_id',
      'organisations.name as organisation_name',
      'users.sees_org_records',
      'users.locale',
      'users.time_zone',
      'users.active',
      'users.created_at',
      'users.updated_at',
      'users.version',
    ]);
}

/** Roles and lockouts for a page of users in two queries, whatever the page size. */
async function decorate(db: Kysely<Database>, rows: (UserListRow & { username_key: string })[]): Promise<User[]> {
  if (rows.length === 0) return [];
  const roles = await db
    .selectFrom('user_roles')
    .innerJoin('roles', 'roles.id', 'user_roles.role_id')
    .select(['user_roles.user_id', 'roles.key'])
    .where(
      'user_roles.user_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('roles.key')
    .execute();
  const locks = await db
    .selectFrom('login_attempts')
    .select(['key', 'locked_until'])
    .where(
      'key',
      'in',
      rows.map((r) => userKey(r.username_key)),
    )
    .where('locked_until', '>', Date.now())
    .execute();
  const lockByKey = new Map(locks.map((l) => [l.key, l.locked_until]));
  const rolesByUser = new Map<number, string[]>();
  for (const r of roles) rolesByUser.set(r.user_id, [...(rolesByUser.get(r.user_id) ?? []), r.key]);
  return rows.map((row) => presentUser(row, rolesByUser.get(row.id) ?? [], lockByKey.get(userKey(row.username_key)) ?? null));
}

export async function listUsers(db: Kysely<Database>, visibility: Visibility, query: ListUsersQuery): Promise<Page<User>> {
  let q = baseUserQuery(db).where(userVisibility(visibility));
  if (query.kind) q = q.where('users.kind', '=', query.kind);
  if (query.organisationId) q = q.where('users.organisation_id', '=', query.organisationId);
  if (query.active !== undefined) q = q.where('users.active', '=', query.active ? 1 : 0);
  if (query.groupId) {
    const groupId = query.groupId;
    q = q.where('users.id', 'in', (eb) => eb.selectFrom('group_members').select('user_id').where('group_id', '=', groupId));
  }
  if (query.role) {
    const role = query.role;
    q = q.where('users.id', 'in', (eb) =>
      eb
        .selectFrom('user_roles')
        .innerJoin('roles', 'roles.id', 'user_roles.role_id')
        .select('user_roles.user_id')
        .where('roles.key', '=', role),
    );
  }
  if (query.q) {
    const term = query.q;
    q = q.where((eb) =>
      eb.or([
        containsText(eb.ref('users.username_key'), term),
        containsText(eb.ref('users.display_name'), term),
        containsText(eb.ref('users.email'), term),
      ]),
    );
  }
  const sort = parseSort(query.sort, SORT_COLUMNS, 'username');
  const { rows, nextCursor } = await pageBy(q, {
    sort,
    idColumn: 'users.id',
    limit: query.limit,
    cursor: query.cursor,
    valueOf: (row) =>
      sort.column === 'users.display_name' ? row.display_name : sort.column === 'users.created_at' ? row.created_at : row.username_key,
  });
  return { items: await decorate(db, rows), nextCursor };
}

export async function getUser(db: Kysely<Database>, visibility: Visibility, id: number): Promise<User> {
  const row = await baseUserQuery(db).where('users.id', '=', id).where(userVisibility(visibility)).executeTakeFirst();
  if (!row) throw notFound('user');
  const [user] = await decorate(db, [row]);
  if (!user) throw notFound('user');
  return user;
}
