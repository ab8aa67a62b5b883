import {
  type CreateService,
  type CreateServiceOffering,
  reachableServices,
  type UpdateService,
  type UpdateServiceOffering,
} from '@keel/shared';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { flag } from '../../db/time.js';
import { type AuditContext, appendAudit, createdFields, diffFields } from '../../platform/audit/append.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { assertUpdated, checkVersion } from '../../platform/http/etag.js';
import type { RecordTypeDefinition } from '../../platform/records/record-type.js';
import { syncAgreementPolicy } from '../agreements/policy.js';

type Trx = Transaction<Database>;

const sorted = (ids: readonly number[]) => [...new Set(ids)].sort((a, b) => a - b);

async function assertExist(trx: Trx, table: 'organisations' | 'services', ids: number[], path: string) {
  if (ids.length === 0) return;
  const rows = await trx.selectFrom(table).select('id').where('id', 'in', ids).execute();
  if (rows.length !== ids.length)
    throw invalid(path, `Every entry must be an existing ${table === 'services' ? 'service' : 'organisation'}`);
}

async function checkReferences(trx: Trx, input: { ownerId?: number | null; calendarId?: number | null }) {
  if (input.ownerId) {
    const owner = await trx.selectFrom('users').select('id').where('id', '=', input.ownerId).where('kind', '=', 'staff').executeTakeFirst();
    if (!owner) throw invalid('ownerId', 'The owner must be an existing staff user');
  }
  if (input.calendarId) {
    const calendar = await trx.selectFrom('calendars').select('id').where('id', '=', input.calendarId).executeTakeFirst();
    if (!calendar) throw invalid('calendarId', 'No such calendar');
  }
}

/**
 * Supporting services: no self-link, no duplicates (a set), and no cycle — a service may not
 * depend, however indirectly, on a service that depends on it. The catalogue is small, so
 * the whole dependency graph is read once and walked in memory.
 */
async function checkSupporters(trx: Trx, serviceId: number | null, supporters: number[]) {
  if (serviceId !== null && supporters.includes(serviceId)) throw invalid('supportedByIds', 'A service cannot support itself');
  await assertExist(trx, 'services', supporters, 'supportedByIds');
  if (serviceId === null) return;
  const edges = new Map<number, number[]>();
  const rows = await trx.selectFrom('service_dependencies').select(['service_id', 'supported_by_id']).execute();
  for (const r of rows) if (r.service_id !== serviceId) edges.set(r.service_id, [...(edges.get(r.service_id) ?? []), r.supported_by_id]);
  edges.set(serviceId, supporters);
  if (reachableServices(serviceId, edges).has(serviceId))
    throw new AppError('conflict', 'These supporting services would make a cycle', {
      errors: [{ path: 'supportedByIds', message: 'A service cannot depend on itself through other services' }],
    });
}

async function replaceLinks(trx: Trx, serviceId: number, customers: number[] | undefined, supporters: number[] | undefined) {
  if (customers) {
    await trx.deleteFrom('service_customers').where('service_id', '=', serviceId).execute();
    if (customers.length > 0)
      await trx
        .insertInto('service_customers')
        .values(customers.map((organisation_id) => ({ service_id: serviceId, organisation_id })))
        .execute();
  }
  if (supporters) {
    await trx.deleteFrom('service_dependencies').where('service_id', '=', serviceId).execute();
    if (supporters.length > 0)
      await trx
        .insertInto('service_dependencies')
        .values(supporters.map((supported_by_id) => ({ service_id: serviceId, supported_by_id })))
        .execute();
  }
}

export async function createService(trx: Trx, ctx: AuditContext, input: CreateService): Promise<number> {
  const customerIds = sorted(input.customerIds);
  const supportedByIds = sorted(input.supportedByIds);
  await checkReferences(trx, input);
  await assertExist(trx, 'organisations', customerIds, 'customerIds');
  await checkSupporters(trx, null, supportedByIds);
  const now = Date.now();
  const row = await trx
    .insertInto('services')
    .values({
      name: input.name,
      name_key: input.name.toLowerCase(),
      description: input.description,
      owner_id: input.ownerId,
      calendar_id: input.calendarId,
      status: input.status,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceLinks(trx, row.id, customerIds, supportedByIds);
  await appendAudit(trx, ctx, {
    action: 'service.created',
    objectType: 'service',
    objectId: row.id,
    objectLabel: input.name,
    changes: createdFields({ ...input, customerIds, supportedByIds }),
  });
  return row.id;
}

/** Only what the patch names changes; a retired service keeps its records and agreements but takes no new records. */
export async function updateService(
  trx: Trx,
  ctx: AuditContext,
  types: readonly RecordTypeDefinition[],
  input: { id: number; expectedVersion: number | null; patch: UpdateService },
) {
  const before = await trx.selectFrom('services').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!before) throw notFound('service');
  checkVersion(input.expectedVersion, before.version);
  const { patch } = input;
  await checkReferences(trx, patch);
  const fields = {
    name: patch.name,
    description: patch.description,
    owner_id: patch.ownerId,
    calendar_id: patch.calendarId,
    status: patch.status,
  };
  const changes = diffFields(before, fields);
  const customerIds = patch.customerIds && sorted(patch.customerIds);
  const supportedByIds = patch.supportedByIds && sorted(patch.supportedByIds);
  if (customerIds) {
    await assertExist(trx, 'organisations', customerIds, 'customerIds');
    const current = await trx.selectFrom('service_customers').select('organisation_id').where('service_id', '=', input.id).execute();
    const was = sorted(current.map((c) => c.organisation_id));
    if (JSON.stringify(was) !== JSON.stringify(customerIds)) changes.customerIds = [was, customerIds];
  }
  if (supportedByIds) {
    await checkSupporters(trx, input.id, supportedByIds);
    const current = await trx.selectFrom('service_dependencies').select('supported_by_id').where('service_id', '=', input.id).execute();
    const was = sorted(current.map((c) => c.supported_by_id));
    if (JSON.stringify(was) !== JSON.stringify(supportedByIds)) changes.supportedByIds = [was, supportedByIds];
  }
  if (Object.keys(changes).length === 0) return;
  const result = await trx
    .updateTable('services')
    .set((eb) => ({ ...fields, name_key: fields.name?.toLowerCase(), updated_at: Date.now(), version: eb('version', '+', 1) }))
    .where('id', '=', input.id)
    .where('version', '=', before.version)
    .executeTakeFirst();
  assertUpdated(result);
  await replaceLinks(trx, input.id, changes.customerIds ? customerIds : undefined, changes.supportedByIds ? supportedByIds : undefined);
  await appendAudit(trx, ctx, { action: 'service.updated', objectType: 'service', objectId: input.id, objectLabel: before.name, changes });
  // Agreements in force that run on the service hours follow the new hours (for clocks started from now on).
  if (changes.calendar_id) {
    const following = await trx
      .selectFrom('agreements')
      .select('id')
      .where('service_id', '=', input.id)
      .where('status', '=', 'active')
      .where('calendar_id', 'is', null)
      .execute();
    for (const a of following) await syncAgreementPolicy(trx, ctx, types, a.id);
  }
}

export async function createServiceOffering(trx: Trx, ctx: AuditContext, serviceId: number, input: CreateServiceOffering): Promise<number> {
  const service = await trx.selectFrom('services').select(['id', 'name']).where('id', '=', serviceId).executeTakeFirst();
  if (!service) throw notFound('service');
  const now = Date.now();
  const row = await trx
    .insertInto('service_offerings')
    .values({
      service_id: serviceId,
      name: input.name,
      name_key: input.name.toLowerCase(),
      description: input.description,
      active: flag(input.active),
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await appendAudit(trx, ctx, {
    action: 'service_offering.created',
    objectType: 'service_offering',
    objectId: row.id,
    objectLabel: `${service.name} / ${input.name}`,
    changes: createdFields({ serviceId, ...input }),
  });
  return row.id;
}

export async function updateServiceOffering(
  trx: Trx,
  ctx: AuditContext,
  input: { serviceId: number; id: number; expectedVersion: number | null; patch: UpdateServiceOffering },
) {
  const before = await trx
    .selectFrom('service_offerings')
    .selectAll()
    .where('id', '=', input.id)
    .where('service_id', '=', input.serviceId)
    .executeTakeFirst();
  if (!before) throw notFound('service offering');
  checkVersion(input.expectedVersion, before.version);
  const { patch } = input;
  const fields = { name: patch.name, description: patch.description, active: patch.active === undefined ? undefined : flag(patch.active) };
  const changes = diffFields(before, fields);
  if (Object.keys(changes).length === 0) return;
  const result = await trx
    .updateTable('service_offerings')
    .set((eb) => ({ ...fields, name_key: fields.name?.toLowerCase(), updated_at: Date.now(), version: eb('version', '+', 1) }))
    .where('id', '=', before.id)
    .where('version', '=', before.version)
    .executeTakeFirst();
  assertUpdated(result);
  await appendAudit(trx, ctx, {
    action: 'service_offering.updated',
    objectType: 'service_offering',
    objectId: before.id,
    objectLabel: before.name,
    changes,
  });
}
