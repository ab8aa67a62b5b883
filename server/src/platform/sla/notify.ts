import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuditContext } from '../audit/append.js';
import { notifyRecordOf } from '../notify/audience.js';
import { notify } from '../notify/notify.js';
import type { RecordTypeDefinition } from '../records/record-type.js';

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
    .select(['records.id', 'records.type', 'records.number', 'records.title', 'records.assignee_id', 'groups.lead_id'])
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
}
