import type { ListOrganisationsQuery, Organisation, Page } from '@keel/shared';
import type { Kysely } from 'kysely';
import { containsText } from '../../db/like.js';
import type { Database, OrganisationRow } from '../../db/schema.js';
import { bool, iso } from '../../db/time.js';
import type { Actor } from '../../platform/access/actor.js';
import { can } from '../../platform/access/actor.js';
import { notFound } from '../../platform/errors.js';
import { pageBy, parseSort } from '../../platform/http/pagination.js';

const SORT_COLUMNS = { name: 'name', code: 'code_key', createdAt: 'created_at' } as const;

export function presentOrganisation(row: OrganisationRow): Organisation {
  return {
    id: row.id,
    name: row.name,
    code: row.code,
    description: row.description,
    parentId: row.parent_id,
    active: bool(row.active),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    version: row.version,
  };
}

/** Staff with organisations.read see every organisation; a customer sees only their own. */
export function assertCanSeeOrganisation(actor: Actor, id: number): void {
  if (actor.kind === 'staff' && can(actor, 'organisations.read')) return;
  if (actor.kind === 'customer' && actor.organisationId === id) return;
  throw notFound('organisation');
}

/** A customer lists their organisation's people only when allowed to see its records. */
export function assertCanSeeOrganisationPeople(actor: Actor, id: number): void {
  if (actor.kind === 'staff' && can(actor, 'organisations.read') && can(actor, 'users.read')) return;
  if (actor.kind === 'customer' && actor.organisationId === id && actor.seesOrganisationRecords) return;
  throw notFound('organisation');
}

export async function listOrganisations(db: Kysely<Database>, query: ListOrganisationsQuery): Promise<Page<Organisation>> {
  let q = db.selectFrom('organisations').selectAll();
  if (query.active !== undefined) q = q.where('active', '=', query.active ? 1 : 0);
  if (query.q) {
    const term = query.q;
    q = q.where((eb) => eb.or([containsText(eb.ref('name'), term), containsText(eb.ref('code_key'), term)]));
  }
  const sort = parseSort(query.sort, SORT_COLUMNS, 'name');
  const { rows, nextCursor } = await pageBy(q, {
    sort,
    idColumn: 'id',
    limit: query.limit,
    cursor: query.cursor,
    valueOf: (row) => (sort.column === 'code_key' ? row.code_key : sort.column === 'created_at' ? row.created_at : row.name),
  });
  return { items: rows.map(presentOrganisation), nextCursor };
}

export async function getOrganisation(db: Kysely<Database>, id: number): Promise<Organisation> {
  const row = await db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('organisation');
  return presentOrganisation(row);
}
