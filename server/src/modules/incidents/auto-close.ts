import { type AutoCloseSetting, autoCloseSettingSchema, catalogues, DEFAULT_AUTO_CLOSE_DAYS, fill } from '@keel/shared';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { type AuditContext, appendAudit } from '../../platform/audit/append.js';
import { assertUpdated, checkVersion } from '../../platform/http/etag.js';
import { unmetGuards } from '../../platform/records/guards.js';
import { appendJournal } from '../../platform/records/journal.js';
import { notifyStateChange } from '../../platform/records/notifications.js';
import type { RecordTypeDefinition } from '../../platform/records/record-type.js';
import { moveSlaClocks } from '../../platform/sla/clocks.js';
import { workflowOf } from '../../platform/workflow/store.js';
import { INCIDENT_TYPE } from './type.js';

export const AUTO_CLOSE_KEY = 'incident_auto_close';
const DAY = 86_400_000;
const BATCH = 200;

export async function readAutoClose(db: Kysely<Database>) {
  const row = await db.selectFrom('settings').selectAll().where('key', '=', AUTO_CLOSE_KEY).executeTakeFirst();
  const parsed = autoCloseSettingSchema.safeParse(row ? JSON.parse(row.value) : null);
  return { days: parsed.success ? parsed.data.days : DEFAULT_AUTO_CLOSE_DAYS, version: row?.version ?? 1 };
}

export async function saveAutoClose(
  trx: Transaction<Database>,
  ctx: AuditContext,
  input: { expectedVersion: number | null; body: AutoCloseSetting },
) {
  const before = await readAutoClose(trx);
  checkVersion(input.expectedVersion, before.version);
  if (before.days === input.body.days) return;
  const result = await trx
    .updateTable('settings')
    .set((eb) => ({ value: JSON.stringify(input.body), updated_at: Date.now(), version: eb('version', '+', 1) }))
    .where('key', '=', AUTO_CLOSE_KEY)
    .where('version', '=', before.version)
    .executeTakeFirst();
  assertUpdated(result);
  await appendAudit(trx, ctx, {
    action: 'setting.updated',
    objectType: 'setting',
    objectId: AUTO_CLOSE_KEY,
    objectLabel: AUTO_CLOSE_KEY,
    changes: { days: [before.days, input.body.days] },
  });
}

type Candidate = { id: number; number: string; state: string; version: number; locale: 'zh-CN' | 'en' | null };

/**
 * Closes one resolved incident the customer left alone, exactly once: the update only lands
 * while the record is still resolved at the version the sweep read (ADR 0008), so a customer
 * reopening at the same moment, or another process's sweep, wins or loses cleanly.
 */
async function closeOne(
  trx: Transaction<Database>,
  ctx: AuditContext,
  types: readonly RecordTypeDefinition[],
  row: Candidate,
  days: number,
  now: number,
) {
  // A major incident without its review stays resolved: the same guard as the customer's confirm.
  if ((await unmetGuards(trx, row.id, ['review_recorded'])).length > 0) return false;
  const workflow = await workflowOf(trx, INCIDENT_TYPE);
  const target = workflow.states.find((s) => s.category === 'closed');
  if (!target) return false;
  const result = await trx
    .updateTable('records')
    .set((eb) => ({ state: target.key, state_category: target.category, closed_at: now, updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .where('state_category', '=', 'resolved')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  // The note is the requester's to read: in their language.
  const locale = row.locale ?? 'en';
  await appendJournal(trx, {
    recordId: row.id,
    kind: 'transition',
    visibility: 'public',
    body: fill(catalogues[locale].incidentProcess.journal.closedAutomatically, { days: String(days) }),
    data: { from: row.state, to: target.key, action: null, automatic: true },
    authorId: null,
  });
  await notifyStateChange(trx, ctx, INCIDENT_TYPE, row.id);
  await moveSlaClocks(trx, ctx, types, { recordId: row.id, to: target.category, at: now });
  await appendAudit(trx, ctx, {
    action: 'record.closed_automatically',
    objectType: INCIDENT_TYPE.key,
    objectId: row.id,
    objectLabel: row.number,
    changes: { state: [row.state, target.key], days: [null, days] },
  });
  return true;
}

/** Closes incidents resolved more than the configured number of calendar days ago. */
export async function autoCloseIncidents(
  db: Kysely<Database>,
  ctx: AuditContext,
  types: readonly RecordTypeDefinition[],
  now: number,
): Promise<number> {
  const { days } = await readAutoClose(db);
  const rows = await db
    .selectFrom('records')
    .leftJoin('users', 'users.id', 'records.requester_id')
    .select(['records.id', 'records.number', 'records.state', 'records.version', 'users.locale'])
    .where('records.type', '=', INCIDENT_TYPE.key)
    .where('records.state_category', '=', 'resolved')
    .where('records.resolved_at', '<=', now - days * DAY)
    .orderBy('records.resolved_at')
    .limit(BATCH)
    .execute();
  let closed = 0;
  for (const row of rows) {
    if (await db.transaction().execute((trx) => closeOne(trx, ctx, types, row, days, now))) closed++;
  }
  return closed;
}
