import { type CatalogueItem, catalogueApprovalSchema, catalogueFormSchema, type ListCatalogueItemsQuery, type Page } from '@keel/shared';
import type { Kysely } from 'kysely';
import { containsText } from '../../db/like.js';
import type { Database } from '../../db/schema.js';
import { bool, iso } from '../../db/time.js';
import type { Visibility } from '../../platform/access/visibility.js';
import { notFound } from '../../platform/errors.js';
import { pageBy, parseSort } from '../../platform/http/pagination.js';

const SORT_COLUMNS = { name: 'catalogue_items.name_key', createdAt: 'catalogue_items.created_at' } as const;

/**
 * Staff see every item; a customer only active items of live services offered to their
 * organisation — the same rule as the services list, in the same query.
 */
function baseQuery(db: Kysely<Database>, visibility: Visibility) {
  let q = db
    .selectFrom('catalogue_items')
    .innerJoin('services', 'services.id', 'catalogue_items.service_id')
    .selectAll('catalogue_items')
    .select('services.name as service_name');
  if (visibility.scope === 'own') return q.where((eb) => eb.lit(false));
  if (visibility.scope === 'organisation') {
    const organisationId = visibility.organisationId;
    q = q
      .where('catalogue_items.active', '=', 1)
      .where('services.status', '=', 'live')
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('service_customers')
            .select('service_customers.service_id')
            .whereRef('service_customers.service_id', '=', 'catalogue_items.service_id')
            .where('service_customers.organisation_id', '=', organisationId),
        ),
      );
  }
  return q;
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function present(row: Row): CatalogueItem {
  return {
    id: row.id,
    serviceId: row.service_id,
    serviceName: row.service_name,
    offeringId: row.offering_id,
    name: row.name,
    description: row.description,
    category: row.category,
    active: bool(row.active),
    form: catalogueFormSchema.parse(JSON.parse(row.form)),
    fulfilmentGroupId: row.fulfilment_group_id,
    approval: catalogueApprovalSchema.parse(JSON.parse(row.approval)),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    version: row.version,
  };
}

export async function listCatalogueItems(
  db: Kysely<Database>,
  visibility: Visibility,
  query: ListCatalogueItemsQuery,
): Promise<Page<CatalogueItem>> {
  let q = baseQuery(db, visibility);
  if (query.q) {
    const term = query.q;
    q = q.where((eb) => containsText(eb.ref('catalogue_items.name'), term));
  }
  if (query.serviceId) q = q.where('catalogue_items.service_id', '=', query.serviceId);
  if (query.category) q = q.where('catalogue_items.category', '=', query.category);
  if (query.active !== undefined) q = q.where('catalogue_items.active', '=', query.active ? 1 : 0);
  const sort = parseSort(query.sort, SORT_COLUMNS, 'name');
  const { rows, nextCursor } = await pageBy(q, {
    sort,
    idColumn: 'catalogue_items.id',
    limit: query.limit,
    cursor: query.cursor,
    valueOf: (row) => (sort.column === 'catalogue_items.created_at' ? row.created_at : row.name_key),
  });
  return { items: rows.map(present), nextCursor };
}

export async function getCatalogueItem(db: Kysely<Database>, visibility: Visibility, id: number): Promise<CatalogueItem> {
  const row = await baseQuery(db, visibility).where('catalogue_items.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('catalogue item');
  return present(row);
}
