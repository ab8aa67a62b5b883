import type { Config } from '../../config.js';
import type { Db } from '../../db/connect.js';
import type { AuditContext } from '../../platform/audit/append.js';
import { enqueueJob } from '../../platform/jobs/queue.js';
import type { JobHandler } from '../../platform/jobs/worker.js';
import { notifyRecordOf } from '../../platform/notify/audience.js';
import { notify } from '../../platform/notify/notify.js';
import type { RecordTypeDefinition } from '../../platform/records/record-type.js';
import { autoCloseIncidents } from './auto-close.js';
import { INCIDENT_TYPE } from './type.js';

export const INCIDENT_SWEEP_EVERY_MS = 60_000;
export const INCIDENT_SWEEP_JOB = 'incidents.sweep';
const BATCH = 200;

/**
 * Reminds each major incident's manager once when a customer update is overdue. The reminder
 * is claimed with a conditional update (`update_reminded_at is null`), so two processes
 * sweeping at once remind once; the next update posted re-arms it.
 */
async function remindOverdueUpdates(db: Db, ctx: AuditContext, now: number): Promise<number> {
  const due = await db.kysely
    .selectFrom('incident_ext')
    .innerJoin('records', 'records.id', 'incident_ext.record_id')
    .select(['records.id', 'records.number', 'records.title', 'incident_ext.major_manager_id', 'incident_ext.next_update_due'])
    .where('incident_ext.next_update_due', '<=', now)
    .where('incident_ext.update_reminded_at', 'is', null)
    .where('incident_ext.major', '=', 1)
    .where('records.state_category', 'in', ['new', 'active', 'pending'])
    .orderBy('incident_ext.next_update_due')
    .limit(BATCH)
    .execute();
  let reminded = 0;
  for (const row of due) {
    const claimed = await db.kysely.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('incident_ext')
        .set({ update_reminded_at: now })
        .where('record_id', '=', row.id)
        .where('update_reminded_at', 'is', null)
        .where('next_update_due', '=', row.next_update_due)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      if (row.major_manager_id !== null) {
        await notify(trx, ctx, {
          event: 'major_update_due',
          recipients: [row.major_manager_id],
          record: notifyRecordOf(INCIDENT_TYPE, row),
          source: `update-due:${row.next_update_due}`,
          staffOnly: true,
          params: {},
        });
      }
      return true;
    });
    if (claimed) reminded++;
  }
  return reminded;
}

/** The incident process's periodic work; tests call it with a controlled `now`. */
export async function sweepIncidents(
  db: Db,
  options: { types: readonly RecordTypeDefinition[]; mail: boolean; now?: number },
): Promise<{ reminded: number; closed: number }> {
  const now = options.now ?? Date.now();
  const ctx: AuditContext = { actorId: null, actorName: 'system', ip: null, requestId: null, dialect: db.dialect, mail: options.mail };
  const reminded = await remindOverdueUpdates(db, ctx, now);
  return { reminded, closed: await autoCloseIncidents(db.kysely, ctx, options.types, now) };
}

const periodKey = (at: number) => `incidents-sweep:${Math.floor(at / INCIDENT_SWEEP_EVERY_MS)}`;

/** Books the next sweep; every process does, the dedupe key keeps one per period. */
export async function scheduleIncidentSweep(db: Db, at = Date.now()): Promise<void> {
  const next = (Math.floor(at / INCIDENT_SWEEP_EVERY_MS) + 1) * INCIDENT_SWEEP_EVERY_MS;
  await enqueueJob(db.kysely, { kind: INCIDENT_SWEEP_JOB, runAt: next, payload: { at: next }, dedupeKey: periodKey(next), maxAttempts: 3 });
}

export const incidentSweepHandler =
  (config: Config, types: readonly RecordTypeDefinition[]): JobHandler =>
  async (job, db) => {
    await sweepIncidents(db, { types, mail: config.mail.smtpUrl !== null });
    const at = typeof job.payload === 'object' && job.payload !== null && 'at' in job.payload ? Number(job.payload.at) : Date.now();
    await scheduleIncidentSweep(db, Number.isFinite(at) ? at : Date.now());
  };
