import type { CreateSlaPolicy, UpdateSlaPolicy } from '@keel/shared';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { flag } from '../../db/time.js';
import { type AuditContext, appendAudit, createdFields, diffFields } from '../../platform/audit/append.js';
import { invalid, notFound } from '../../platform/errors.js';
import { assertUpdated, checkVersion } from '../../platform/http/etag.js';
import type { RecordTypeDefinition } from '../../platform/records/record-type.js';

type Trx = Transaction<Database>;

async function checkCalendar(trx: Trx, calendarId: number | null | undefined) {
  if (!calendarId) return;
  const found = await trx.selectFrom('calendars').select('id').where('id', '=', calendarId).executeTakeFirst();
  if (!found) throw invalid('calendarId', 'No such calendar');
}

export async function createSlaPolicy(trx: Trx, ctx: AuditContext, types: readonly RecordTypeDefinition[], input: CreateSlaPolicy) {
  if (!types.some((t) => t.key === input.recordType)) throw invalid('recordType', 'No such record type');
  await checkCalendar(trx, input.calendarId);
  const now = Date.now();
  const row = await trx
    .insertInto('sla_policies')
    .values({
      name: input.name,
      record_type: input.recordType,
      conditions: JSON.stringify(input.conditions),
      calendar_id: input.calendarId,
      targets: JSON.stringify(input.targets),
      pause_on: JSON.stringify(input.pauseOn),
      warn_at: JSON.stringify(input.warnAt),
      position: input.position,
      active: flag(input.active),
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await appendAudit(trx, ctx, {
    action: 'sla_policy.created',
    objectType: 'sla_policy',
    objectId: row.id,
    objectLabel: input.name,
    changes: createdFields({ ...input }),
  });
  return row.id;
}

/** Changes apply to clocks started from now on; running clocks keep the targets they started with. */
export async function updateSlaPolicy(
  trx: Trx,
  ctx: AuditContext,
  input: { id: number; expectedVersion: number | null; patch: UpdateSlaPolicy },
) {
  const before = await trx.selectFrom('sla_policies').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!before) throw notFound('SLA policy');
  checkVersion(input.expectedVersion, before.version);
  const { patch } = input;
  await checkCalendar(trx, patch.calendarId);
  if (patch.targets && new Set(patch.targets.map((t) => t.key)).size !== patch.targets.length)
    throw invalid('targets', 'Two targets share a key');
  const json = (value: unknown) => (value === undefined ? undefined : JSON.stringify(value));
  const fields = {
    name: patch.name,
    conditions: json(patch.conditions),
    calendar_id: patch.calendarId,
    targets: json(patch.targets),
    pause_on: json(patch.pauseOn),
    warn_at: json(patch.warnAt),
    position: patch.position,
    active: patch.active === undefined ? undefined : flag(patch.active),
  };
  const changes = diffFields(before, fields);
  if (Object.keys(changes).length === 0) return;
  const result = await trx
    .updateTable('sla_policies')
    .set((eb) => ({ ...fields, updated_at: Date.now(), version: eb('version', '+', 1) }))
    .where('id', '=', before.id)
    .where('version', '=', before.version)
    .executeTakeFirst();
  assertUpdated(result);
  await appendAudit(trx, ctx, {
    action: 'sla_policy.updated',
    objectType: 'sla_policy',
    objectId: before.id,
    objectLabel: before.name,
    changes,
  });
}
