import type { RaiseImprovement } from '@keel/shared';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { iso } from '../../db/time.js';
import { type Actor, can } from '../../platform/access/actor.js';
import type { AuditContext } from '../../platform/audit/append.js';
import { AppError, notFound } from '../../platform/errors.js';
import { createRecord } from '../../platform/records/commands.js';
import { createLink } from '../../platform/records/links.js';
import type { RecordTypeDefinition } from '../../platform/records/record-type.js';
import { IMPROVEMENT_TYPE } from '../improvements/type.js';

/**
 * An improvement raised from a breached SLA clock (P-3.1 → P-4.1), linked to the breached record
 * with `raised_improvement`. One per breach: asking again answers the improvement already raised.
 */
export async function raiseImprovement(
  trx: Transaction<Database>,
  ctx: AuditContext,
  actor: Actor,
  types: readonly RecordTypeDefinition[],
  clockId: number,
  input: RaiseImprovement,
): Promise<{ number: string; created: boolean }> {
  const clock = await trx
    .selectFrom('sla_clocks as c')
    .innerJoin('records as r', 'r.id', 'c.record_id')
    .select([
      'c.id',
      'c.breached',
      'c.target_key',
      'c.label_en',
      'c.label_zh',
      'c.due_at',
      'c.breached_at',
      'c.breach_reason',
      'r.id as record_id',
      'r.type',
      'r.number',
      'r.title',
      'r.service_id',
    ])
    .where('c.id', '=', clockId)
    .executeTakeFirst();
  const def = clock ? types.find((t) => t.key === clock.type) : undefined;
  // A breach on a record type the caller cannot read is as good as absent.
  if (!clock || !def || !can(actor, def.permissions.read)) throw notFound('SLA breach');
  if (clock.breached !== 1 || clock.breached_at === null) throw new AppError('conflict', 'This SLA target was not breached');

  const existing = await trx
    .selectFrom('improvement_ext as ie')
    .innerJoin('records as imp', 'imp.id', 'ie.record_id')
    .select('imp.number')
    .where('ie.source_clock_id', '=', clockId)
    .executeTakeFirst();
  if (existing) return { number: existing.number, created: false };

  const target = actor.locale === 'zh-CN' ? clock.label_zh : clock.label_en;
  const title =
    input.title ?? (actor.locale === 'zh-CN' ? `SLA 违约：${clock.number} 的${target}` : `SLA breach: ${target} on ${clock.number}`);
  const facts =
    actor.locale === 'zh-CN'
      ? [
          `记录：${clock.number}（${clock.title}）`,
          `目标：${target}`,
          `到期：${iso(Number(clock.due_at ?? clock.breached_at))}`,
          `违约时间：${iso(Number(clock.breached_at))}`,
          `原因：${clock.breach_reason ?? '未记录'}`,
        ]
      : [
          `Record: ${clock.number} (${clock.title})`,
          `Target: ${target}`,
          `Due: ${iso(Number(clock.due_at ?? clock.breached_at))}`,
          `Breached: ${iso(Number(clock.breached_at))}`,
          `Reason: ${clock.breach_reason ?? 'not recorded'}`,
        ];
  const description = [input.description?.trim(), facts.map((f) => `- ${f}`).join('\n')].filter(Boolean).join('\n\n');
  const number = await createRecord(trx, ctx, IMPROVEMENT_TYPE, actor, {
    title,
    description,
    ...(clock.service_id !== null ? { serviceId: clock.service_id } : {}),
    extension: { sourceKind: 'sla_breach' },
  });
  const improvement = await trx
    .selectFrom('records')
    .select(['id', 'number', 'type'])
    .where('number', '=', number)
    .executeTakeFirstOrThrow();
  await trx.updateTable('improvement_ext').set({ source_clock_id: clockId }).where('record_id', '=', improvement.id).execute();
  await createLink(trx, ctx, { id: clock.record_id, number: clock.number, type: clock.type }, actor, types, {
    kind: 'raised_improvement',
    target: number,
  });
  return { number, created: true };
}
