import { AGREEMENT_REVIEW_NOTICE_DAYS, reviewReminderDue } from '@keel/shared';
import type { Config } from '../../config.js';
import type { Db } from '../../db/connect.js';
import { iso } from '../../db/time.js';
import { type AuditContext, appendAudit } from '../../platform/audit/append.js';
import { enqueueJob } from '../../platform/jobs/queue.js';
import type { JobHandler } from '../../platform/jobs/worker.js';
import { notifyStaffAbout } from '../../platform/notify/notify.js';
import type { RecordTypeDefinition } from '../../platform/records/record-type.js';
import { syncAgreementPolicy } from './policy.js';

export const AGREEMENT_SWEEP_KIND = 'agreements.sweep';
export const AGREEMENT_SWEEP_EVERY_MS = 3_600_000;
const BATCH = 200;
const DAY = 86_400_000;

/**
 * The agreements' hourly sweep: active agreements past their validity expire (their policy
 * stops applying), and the service owner of each agreement in force whose review falls due
 * within the notice period is reminded — once per review period. The reminder is claimed
 * with a conditional update (`reminded_for` still as read), so concurrent or repeated sweeps
 * remind once; recording the review moves the date on and opens the next period.
 */
export async function sweepAgreements(
  db: Db,
  options: { types: readonly RecordTypeDefinition[]; mail: boolean; now?: number },
): Promise<{ expired: number; reminded: number }> {
  const now = options.now ?? Date.now();
  const ctx: AuditContext = { actorId: null, actorName: 'system', ip: null, requestId: null, dialect: db.dialect, mail: options.mail };
  let expired = 0;
  const ending = await db.kysely
    .selectFrom('agreements')
    .select(['id', 'name', 'valid_to'])
    .where('status', '=', 'active')
    .where('valid_to', '<=', now)
    .limit(BATCH)
    .execute();
  for (const row of ending) {
    const done = await db.kysely.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('agreements')
        .set((eb) => ({ status: 'expired', updated_at: now, version: eb('version', '+', 1) }))
        .where('id', '=', row.id)
        .where('status', '=', 'active')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      await appendAudit(trx, ctx, {
        action: 'agreement.expired',
        objectType: 'agreement',
        objectId: row.id,
        objectLabel: row.name,
        changes: { status: ['active', 'expired'] },
      });
      await syncAgreementPolicy(trx, ctx, options.types, row.id);
      return true;
    });
    if (done) expired++;
  }

  let reminded = 0;
  const due = await db.kysely
    .selectFrom('agreements')
    .innerJoin('services', 'services.id', 'agreements.service_id')
    .select(['agreements.id', 'agreements.name', 'agreements.next_review_at', 'agreements.reminded_for', 'services.owner_id'])
    .where('agreements.status', 'in', ['draft', 'active'])
    .where('agreements.next_review_at', '<=', now + AGREEMENT_REVIEW_NOTICE_DAYS * DAY)
    .orderBy('agreements.next_review_at')
    .limit(BATCH)
    .execute();
  for (const row of due) {
    if (!reviewReminderDue({ nextReviewAt: row.next_review_at, remindedFor: row.reminded_for }, now)) continue;
    const sent = await db.kysely.transaction().execute(async (trx) => {
      const claim = await trx
        .updateTable('agreements')
        .set({ reminded_for: row.next_review_at })
        .where('id', '=', row.id)
        .where('next_review_at', '=', row.next_review_at)
        .where((eb) => (row.reminded_for === null ? eb('reminded_for', 'is', null) : eb('reminded_for', '=', row.reminded_for)))
        .executeTakeFirst();
      if (Number(claim.numUpdatedRows) !== 1) return false;
      const reviewAt = iso(row.next_review_at);
      if (row.owner_id !== null)
        await notifyStaffAbout(trx, ctx, {
          event: 'agreement_review_due',
          params: { reviewAt },
          recipients: [row.owner_id],
          subject: { type: 'agreement', path: 'agreements', number: `AGR-${row.id}`, title: row.name },
          source: `review:${row.next_review_at}`,
        });
      await appendAudit(trx, ctx, {
        action: 'agreement.review_reminded',
        objectType: 'agreement',
        objectId: row.id,
        objectLabel: row.name,
        changes: { reminded_for: [row.reminded_for === null ? null : iso(row.reminded_for), reviewAt], owner_id: [null, row.owner_id] },
      });
      return true;
    });
    if (sent) reminded++;
  }
  return { expired, reminded };
}

const periodKey = (at: number) => `agreements-sweep:${Math.floor(at / AGREEMENT_SWEEP_EVERY_MS)}`;

/** Books the next sweep; every process does, the dedupe key keeps one per hour. */
export async function scheduleAgreementSweep(db: Db, at = Date.now()): Promise<void> {
  const next = (Math.floor(at / AGREEMENT_SWEEP_EVERY_MS) + 1) * AGREEMENT_SWEEP_EVERY_MS;
  await enqueueJob(db.kysely, {
    kind: AGREEMENT_SWEEP_KIND,
    runAt: next,
    payload: { at: next },
    dedupeKey: periodKey(next),
    maxAttempts: 3,
  });
}

export const agreementSweepHandler =
  (config: Config, types: readonly RecordTypeDefinition[]): JobHandler =>
  async (job, db) => {
    await sweepAgreements(db, { types, mail: config.mail.smtpUrl !== null });
    const at = typeof job.payload === 'object' && job.payload !== null && 'at' in job.payload ? Number(job.payload.at) : Date.now();
    await scheduleAgreementSweep(db, Number.isFinite(at) ? at : Date.now());
  };
