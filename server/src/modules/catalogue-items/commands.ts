import type { CreateCatalogueItem, UpdateCatalogueItem } from '@keel/shared';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { flag } from '../../db/time.js';
import { type AuditContext, appendAudit, createdFields, diffFields } from '../../platform/audit/append.js';
import { invalid, notFound } from '../../platform/errors.js';
import { assertUpdated, checkVersion } from '../../platform/http/etag.js';

type Trx = Transaction<Database>;

/** The service must exist and not be retired; an offering must belong to it; groups must exist. */
async function checkReferences(
  trx: Trx,
  input: {
    serviceId: number;
    offeringId?: number | null;
    fulfilmentGroupId?: number | null;
    approval?: { kind: string; groupId?: number };
  },
) {
  const service = await trx.selectFrom('services').select('status').where('id', '=', input.serviceId).executeTakeFirst();
  if (!service) throw invalid('serviceId', 'No such service');
  if (service.status === 'retired') throw invalid('serviceId', 'The service is retired');
  if (input.offeringId) {
    const offering = await trx
      .selectFrom('service_offerings')
      .select('id')
      .where('id', '=', input.offeringId)
      .where('service_id', '=', input.serviceId)
      .executeTakeFirst();
    if (!offering) throw invalid('offeringId', 'No such offering of this service');
  }
  for (const [path, id] of [
    ['fulfilmentGroupId', input.fulfilmentGroupId],
    ['approval.groupId', input.approval?.groupId],
  ] as const) {
    if (!id) continue;
    const group = await trx.selectFrom('groups').select('id').where('id', '=', id).executeTakeFirst();
    if (!group) throw invalid(path, 'No such group');
  }
}

export async function createCatalogueItem(trx: Trx, ctx: AuditContext, input: CreateCatalogueItem): Promise<number> {
  await checkReferences(trx, input);
  const now = Date.now();
  const row = await trx
    .insertInto('catalogue_items')
    .values({
      service_id: input.serviceId,
      offering_id: input.offeringId,
      name: input.name,
      name_key: input.name.toLowerCase(),
      description: input.description,
      category: input.category,
      active: flag(input.active),
      form: JSON.stringify(input.form),
      fulfilment_group_id: input.fulfilmentGroupId,
      approval: JSON.stringify(input.approval),
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await appendAudit(trx, ctx, {
    action: 'catalogue_item.created',
    objectType: 'catalogue_item',
    objectId: row.id,
    objectLabel: input.name,
    changes: createdFields({ ...input }),
  });
  return row.id;
}

export async function updateCatalogueItem(
  trx: Trx,
  ctx: AuditContext,
  input: { id: number; expectedVersion: number | null; patch: UpdateCatalogueItem },
) {
  const before = await trx.selectFrom('catalogue_items').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!before) throw notFound('catalogue item');
  checkVersion(input.expectedVersion, before.version);
  const { patch } = input;
  const serviceId = patch.serviceId ?? before.service_id;
  // A moved item's offering must belong to its new service.
  const offeringId = patch.offeringId !== undefined ? patch.offeringId : patch.serviceId !== undefined ? before.offering_id : undefined;
  await checkReferences(trx, { serviceId, offeringId, fulfilmentGroupId: patch.fulfilmentGroupId, approval: patch.approval });
  const json = (value: unknown) => (value === undefined ? undefined : JSON.stringify(value));
  const fields = {
    service_id: patch.serviceId,
    offering_id: patch.offeringId,
    name: patch.name,
    description: patch.description,
    category: patch.category,
    active: patch.active === undefined ? undefined : flag(patch.active),
    form: json(patch.form),
    fulfilment_group_id: patch.fulfilmentGroupId,
    approval: json(patch.approval),
  };
  const changes = diffFields(before, fields);
  if (Object.keys(changes).length === 0) return;
  const result = await trx
    .updateTable('catalogue_items')
    .set((eb) => ({ ...fields, name_key: fields.name?.toLowerCase(), updated_at: Date.now(), version: eb('version', '+', 1) }))
    .where('id', '=', before.id)
    .where('version', '=', before.version)
    .executeTakeFirst();
  assertUpdated(result);
  await appendAudit(trx, ctx, {
    action: 'catalogue_item.updated',
    objectType: 'catalogue_item',
    objectId: before.id,
    objectLabel: before.name,
    changes,
  });
}
