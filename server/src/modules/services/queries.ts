import type { ListServicesQuery, Page, Service, ServiceOffering } from '@keel/shared';
import type { ExpressionBuilder, Kysely } from 'kysely';
import { containsText } from '../../db/like.js';
import type { Database } from '../../db/schema.js';
import { bool, iso } from '../../db/time.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Visibility } from '../../platform/access/visibility.js';
import { notFound } from '../../platform/errors.js';
import { pageBy, parseSort } from '../../platform/http/pagination.js';

const SORT_COLUMNS = { name: 'services.name_key', createdAt: 'services.created_at' } as const;

/**
 * What the catalogue shows a caller: staff everything; a customer what is offered to the
 * organisation they belong to — whether or not they may see their colleagues' records.
 */
export function catalogueVisibility(actor: Pick<Actor, 'kind' | 'organisationId' | 'userId'>): Visibility {
  if (actor.kind === 'staff') return { scope: 'all' };
  if (actor.organisationId === null) return { scope: 'own', userId: actor.userId };
  return { scope: 'organisation', organisationId: actor.organisationId, userId: actor.userId };
}

/**
 * Which services a caller may see: staff all of them; a customer only live services offered
 * to their own organisation (what the portal browses), and nothing without an organisation.
 */
export function serviceVisibility(visibility: Visibility) {
  return (eb: ExpressionBuilder<Database, 'services'>) => {
    if (visibility.scope === 'all') return eb.lit(true);
    if (visibility.scope === 'own') return eb.lit(false);
    return eb.and([
      eb('services.status', '=', 'live'),
      eb.exists(
        eb
          .selectFrom('service_customers')
          .select('service_customers.service_id')
          .whereRef('service_customers.service_id', '=', 'services.id')
          .where('service_customers.organisation_id', '=', visibility.organisationId),
      ),
    ]);
  };
}

function baseQuery(db: Kysely<Database>, visibility: Visibility) {
  return db
    .selectFrom('services')
    .leftJoin('users as owner', 'owner.id', 'services.owner_id')
    .select([
      'services.id',
      'services.name',
      'services.name_key',
      'services.description',
      'services.owner_id',
      'owner.display_name as owner_name',
      'services.calendar_id',
      'services.status',
      'services.created_at',
      'services.updated_at',
      'services.version',
    ])
    .where(serviceVisibility(visibility));
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

/** Customers, supporters and offerings of a page of services: three queries, whatever the page size. */
async function present(db: Kysely<Database>, rows: Row[], visibility: Visibility): Promise<Service[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const staff = visibility.scope === 'all';
  const [customers, supporters, offerings] = await Promise.all([
    db.selectFrom('service_customers').select(['service_id', 'organisation_id']).where('service_id', 'in', ids).execute(),
    staff ? db.selectFrom('service_dependencies').select(['service_id', 'supported_by_id']).where('service_id', 'in', ids).execute() : [],
    db
      .selectFrom('service_offerings')
      .selectAll()
      .where('service_id', 'in', ids)
      .$if(!staff, (q) => q.where('active', '=', 1))
      .orderBy('name_key')
      .execute(),
  ]);
  const group = <T>(list: T[], key: (t: T) => number) => {
    const map = new Map<number, T[]>();
    for (const item of list) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
    return map;
  };
  const customersOf = group(customers, (c) => c.service_id);
  const supportersOf = group(supporters, (s) => s.service_id);
  const offeringsOf = group(offerings, (o) => o.service_id);
  // A customer learns of no other organisation and of no internal dependency.
  const ownOrganisation = visibility.scope === 'organisation' ? visibility.organisationId : null;
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    description: row.description,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    calendarId: row.calendar_id,
    status: row.status,
    customerIds: (customersOf.get(row.id) ?? [])
      .map((c) => c.organisation_id)
      .filter((id) => staff || id === ownOrganisation)
      .sort((a, b) => a - b),
    supportedByIds: (supportersOf.get(row.id) ?? []).map((s) => s.supported_by_id).sort((a, b) => a - b),
    offerings: (offeringsOf.get(row.id) ?? []).map(presentOffering),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    version: row.version,
  }));
}

export function presentOffering(row: {
  id: number;
  service_id: number;
  name: string;
  description: string;
  active: number;
  version: number;
}): ServiceOffering {
  return {
    id: row.id,
    serviceId: row.service_id,
    name: row.name,
    description: row.description,
    active: bool(row.active),
    version: row.version,
  };
}

export async function listServices(db: Kysely<Database>, visibility: Visibility, query: ListServicesQuery): Promise<Page<Service>> {
  let q = baseQuery(db, visibility);
  if (query.q) {
    const term = query.q;
    q = q.where((eb) => containsText(eb.ref('services.name'), term));
  }
  if (query.status) q = q.where('services.status', '=', query.status);
  if (query.ownerId) q = q.where('services.owner_id', '=', query.ownerId);
  const sort = parseSort(query.sort, SORT_COLUMNS, 'name');
  const { rows, nextCursor } = await pageBy(q, {
    sort,
    idColumn: 'services.id',
    limit: query.limit,
    cursor: query.cursor,
    valueOf: (row) => (sort.column === 'services.created_at' ? row.created_at : row.name_key),
  });
  return { items: await present(db, rows, visibility), nextCursor };
}

export async function getService(db: Kysely<Database>, visibility: Visibility, id: number): Promise<Service> {
  const row = await baseQuery(db, visibility).where('services.id', '=', id).executeTakeFirst();
  const [service] = row ? await present(db, [row], visibility) : [];
  if (!service) throw notFound('service');
  return service;
}

export async function getOffering(db: Kysely<Database>, serviceId: number, id: number): Promise<ServiceOffering> {
  const row = await db
    .selectFrom('service_offerings')
    .selectAll()
    .where('id', '=', id)
    .where('service_id', '=', serviceId)
    .executeTakeFirst();
  if (!row) throw notFound('service offering');
  return presentOffering(row);
}
