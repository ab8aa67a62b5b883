import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { type AuditContext, appendAudit } from '../audit/append.js';
import { notifyRecordOf } from '../notify/audience.js';
import { notify } from '../notify/notify.js';
import type { RecordTypeDefinition } from '../records/record-type.js';
import { workflowOf } from '../workflow/store.js';

type Clock = { record_id: number; target_key: string; label_en: string; label_zh: string };

/** Tells the assignee and the lead of the record's group that a target is near or missed (P-6.1 "提前告警"). */
export async function notifySla(
  trx: Transaction<Database>,
  ctx: AuditContext,
  types: readonly RecordTypeDefinition[],
  clock: Clock,
  what: { event: 'sla_warning'; percent: number } | { event: 'sla_breached' },
): Promise<void> {
  const record = await trx
    .selectFrom('records')
    .leftJoin('groups', 'groups.id', 'records.group_id')
    .select([
      'records.id',
      'records.type',
      'records.number',
      'records.title',
      'records.state',
      'records.assignee_id',
      'records.requester_id',
      'groups.lead_id',
    ])
    .where('records.id', '=', clock.record_id)
    .executeTakeFirstOrThrow();
  const def = types.find((t) => t.key === record.type);
  if (!def) return;
  const recipients = [record.assignee_id, record.lead_id].filter((id): id is number => id !== null);
  const target = { en: clock.label_en, 'zh-CN': clock.label_zh };
  const base = {
    recipients,
    record: notifyRecordOf(def, record),
    staffOnly: true,
  };
  if (what.event === 'sla_warning') {
    await notify(trx, ctx, {
      ...base,
      event: 'sla_warning',
      params: { target, percent: what.percent },
      source: `sla:${clock.target_key}:${what.percent}`,
    });
  } else {
    await notify(trx, ctx, { ...base, event: 'sla_breached', params: { target }, source: `sla:${clock.target_key}:breached` });
  }
  await warnCustomer(trx, ctx, def, record, clock.target_key);
}

/**
 * P-6.1 提前告警: a customer whose record will miss an agreed time is told, once per target, in
 * their own language (the mail and the bell render in the recipient's locale). Only the record's
 * number, title and state travel: never the target's internal name, percentages or notes. The
 * breach tells them too when no warning came first (a sweep that ran late); the shared dedupe
 * source keeps it to one.
 */
async function warnCustomer(
  trx: Transaction<Database>,
  ctx: AuditContext,
  def: RecordTypeDefinition,
  record: { id: number; number: string; title: string; state: string; requester_id: number | null },
  targetKey: string,
): Promise<void> {
  if (!def.customers || record.requester_id === null) return;
  const requester = await trx.selectFrom('users').select('kind').where('id', '=', record.requester_id).executeTakeFirst();
  if (requester?.kind !== 'customer') return;
  const state = (await workflowOf(trx, def)).states.find((s) => s.key === record.state);
  const told = await notify(trx, ctx, {
    event: 'sla_at_risk_customer',
    recipients: [record.requester_id],
    record: notifyRecordOf(def, record),
    source: `sla-customer:${targetKey}`,
    params: { label: state?.label ?? { 'zh-CN': record.state, en: record.state } },
  });
  if (told.inApp.length === 0 && told.mail.length === 0) return;
  await appendAudit(trx, ctx, {
    action: 'sla.customer_warned',
    objectType: def.key,
    objectId: record.id,
    objectLabel: record.number,
    changes: { [`sla.${targetKey}`]: [null, 'customer_told'] },
  });
}
