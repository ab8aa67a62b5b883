import { type SlaTarget, slaTargetSchema } from '@keel/shared';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';

const PRIORITIES = ['1', '2', '3', '4', '5'] as const;
const column = (p: (typeof PRIORITIES)[number]) => `minutes_p${p}` as const;

/** An agreement's targets as rows: one per target key, minutes per priority in their own columns. */
export async function replaceTargets(trx: Transaction<Database>, agreementId: number, targets: readonly SlaTarget[]) {
  await trx.deleteFrom('agreement_targets').where('agreement_id', '=', agreementId).execute();
  if (targets.length === 0) return;
  await trx
    .insertInto('agreement_targets')
    .values(
      targets.map((t, position) => ({
        agreement_id: agreementId,
        position,
        target_key: t.key,
        label_en: t.label.en,
        label_zh: t.label['zh-CN'],
        stop_on: JSON.stringify(t.stopOn),
        minutes_p1: t.minutesByPriority['1'] ?? null,
        minutes_p2: t.minutesByPriority['2'] ?? null,
        minutes_p3: t.minutesByPriority['3'] ?? null,
        minutes_p4: t.minutesByPriority['4'] ?? null,
        minutes_p5: t.minutesByPriority['5'] ?? null,
        default_minutes: t.defaultMinutes,
      })),
    )
    .execute();
}

/** The targets of some agreements, in their order, in one query. */
export async function targetsOf(db: Kysely<Database>, agreementIds: number[]): Promise<Map<number, SlaTarget[]>> {
  const byAgreement = new Map<number, SlaTarget[]>();
  if (agreementIds.length === 0) return byAgreement;
  const rows = await db
    .selectFrom('agreement_targets')
    .selectAll()
    .where('agreement_id', 'in', agreementIds)
    .orderBy('agreement_id')
    .orderBy('position')
    .execute();
  for (const row of rows) {
    const minutesByPriority: Partial<Record<(typeof PRIORITIES)[number], number>> = {};
    for (const p of PRIORITIES) {
      const minutes = row[column(p)];
      if (minutes !== null) minutesByPriority[p] = minutes;
    }
    const target = slaTargetSchema.parse({
      key: row.target_key,
      label: { en: row.label_en, 'zh-CN': row.label_zh },
      stopOn: JSON.parse(row.stop_on),
      minutesByPriority,
      defaultMinutes: row.default_minutes,
    });
    byAgreement.set(row.agreement_id, [...(byAgreement.get(row.agreement_id) ?? []), target]);
  }
  return byAgreement;
}

export async function loadTargets(db: Kysely<Database>, agreementId: number): Promise<SlaTarget[]> {
  return (await targetsOf(db, [agreementId])).get(agreementId) ?? [];
}
