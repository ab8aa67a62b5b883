import type { Group, ListGroupsQuery, Page } from '@keel/shared';
import type { Kysely } from 'kysely';
import { containsText } from '../../db/like.js';
import type { Database } from '../../db/schema.js';
import { iso } from '../../db/time.js';
import { notFound } from '../../platform/errors.js';
import { pageBy, parseSort } from '../../platform/http/pagination.js';

const SORT_COLUMNS = { name: 'groups.name_key', createdAt: 'groups.created_at' } as const;

function baseQuery(db: Kysely<Database>) {
  return db
    .selectFrom('groups')
    .leftJoin('users as lead', 'lead.id', 'groups.lead_id')
    .select([
      'groups.id',
      'groups.name',
      'groups.name_key',
      'groups.description',
      'groups.email',
      'groups.lead_id',
      'lead.display_name as lead_name',
      'groups.created_at',
      'groups.updated_at',
      'groups.version',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

async function withMembers(db: Kysely<Database>, rows: Row[]): Promise<Group[]> {
  if (rows.length === 0) return [];
  const members = await db
    .selectFrom('group_members')
    .select(['group_id', 'user_id'])
    .where(
      'group_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('user_id')
    .execute();
  const byGroup = new Map<number, number[]>();
  for (const m of members) byGroup.set(m.group_id, [...(byGroup.get(m.group_id) ?? []), m.user_id]);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    description: row.description,
    email: row.email,
    leadId: row.lead_id,
    leadName: row.lead_name,
    memberIds: byGroup.get(row.id) ?? [],
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    version: row.version,
  }));
}

export async function listGroups(db: Kysely<Database>, query: ListGroupsQuery): Promise<Page<Group>> {
  let q = baseQuery(db);
  if (query.q) {
    const term = query.q;
    q = q.where((eb) => containsText(eb.ref('groups.name'), term));
  }
  const sort = parseSort(query.sort, SORT_COLUMNS, 'name');
  const { rows, nextCursor } = await pageBy(q, {
    sort,
    idColumn: 'groups.id',
    limit: query.limit,
    cursor: query.cursor,
    valueOf: (row) => (sort.column === 'groups.created_at' ? row.created_at : row.name_key),
  });
  return { items: await withMembers(db, rows), nextCursor };
}

export async function getGroup(db: Kysely<Database>, id: number): Promise<Group> {
  const row = await baseQuery(db).where('groups.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('group');
  const [group] = await withMembers(db, [row]);
  if (!group) throw notFound('group');
  return group;
}
