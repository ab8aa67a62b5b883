import {
  type CatalogueApproval,
  type CatalogueForm,
  catalogueApprovalSchema,
  catalogueFormSchema,
  type RequestableItem,
} from '@keel/shared';
import type { Kysely } from 'kysely';
import { containsText } from '../../db/like.js';
import type { Database } from '../../db/schema.js';

/**
 * The service requests module's view of the catalogue: a small interface over
 * `catalogue_items` (owned by the service catalogue module, which edits them), so requests
 * never depend on how items are edited.
 */
export type CatalogueItem = {
  id: number;
  serviceId: number;
  serviceName: string;
  serviceOwnerId: number | null;
  serviceStatus: string;
  name: string;
  description: string;
  category: string | null;
  active: boolean;
  formDefinition: CatalogueForm;
  fulfilmentGroupId: number | null;
  approval: CatalogueApproval;
};

type Row = {
  id: number;
  service_id: number;
  service_name: string;
  owner_id: number | null;
  status: string;
  name: string;
  description: string;
  category: string | null;
  active: number;
  form: string;
  fulfilment_group_id: number | null;
  approval: string;
};

function select(db: Kysely<Database>) {
  return db
    .selectFrom('catalogue_items as ci')
    .innerJoin('services as s', 's.id', 'ci.service_id')
    .select([
      'ci.id',
      'ci.service_id',
      's.name as service_name',
      's.owner_id',
      's.status',
      'ci.name',
      'ci.description',
      'ci.category',
      'ci.active',
      'ci.form',
      'ci.fulfilment_group_id',
      'ci.approval',
    ]);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * Stored JSON is parsed with the contract's schemas. A form that no longer parses offers no
 * fields; an approval policy that no longer parses is not requestable (never silently "none").
 */
function toItem(row: Row): CatalogueItem {
  const form = catalogueFormSchema.safeParse(parseJson(row.form));
  const approval = catalogueApprovalSchema.safeParse(parseJson(row.approval));
  return {
    id: row.id,
    serviceId: row.service_id,
    serviceName: row.service_name,
    serviceOwnerId: row.owner_id,
    serviceStatus: row.status,
    name: row.name,
    description: row.description,
    category: row.category,
    active: row.active === 1 && approval.success,
    formDefinition: form.success ? form.data : { fields: [] },
    fulfilmentGroupId: row.fulfilment_group_id,
    approval: approval.success ? approval.data : { kind: 'none' },
  };
}

export async function catalogueItemById(db: Kysely<Database>, id: number): Promise<CatalogueItem | null> {
  const row = await select(db).where('ci.id', '=', id).executeTakeFirst();
  return row ? toItem(row) : null;
}

/** Whether an item can be asked for now: active, under a live service. */
export function isRequestable(item: CatalogueItem): boolean {
  return item.active && item.serviceStatus === 'live';
}

export function requestableView(item: CatalogueItem): RequestableItem {
  return {
    id: item.id,
    name: item.name,
    description: item.description,
    category: item.category,
    serviceId: item.serviceId,
    serviceName: item.serviceName,
    form: item.formDefinition,
    needsApproval: item.approval.kind !== 'none',
  };
}

/** The items a person may request, by service and category, with a text filter on name and description. */
export async function listRequestableItems(
  db: Kysely<Database>,
  query: { q?: string | undefined; serviceId?: number | undefined; category?: string | undefined },
): Promise<RequestableItem[]> {
  let q = select(db).where('ci.active', '=', 1).where('s.status', '=', 'live');
  if (query.serviceId !== undefined) q = q.where('ci.service_id', '=', query.serviceId);
  if (query.category) q = q.where('ci.category', '=', query.category);
  if (query.q) {
    const term = query.q;
    q = q.where((eb) =>
      eb.or([containsText(eb.ref('ci.name'), term), containsText(eb.ref('ci.description'), term), containsText(eb.ref('s.name'), term)]),
    );
  }
  // A catalogue is small (hundreds of items); the portal shows it whole, grouped by service.
  const rows = await q.orderBy('s.name').orderBy('ci.name').orderBy('ci.id').limit(500).execute();
  return rows.map((r) => requestableView(toItem(r)));
}
