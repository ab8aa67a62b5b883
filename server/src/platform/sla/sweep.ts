import type { Kysely, Selectable } from 'kysely';
import type { Config } from '../../config.js';
import type { Db } from '../../db/connect.js';
import type { Database, SlaClockTable } from '../../db/schema.js';
import { iso } from '../../db/time.js';
import { type AuditContext, appendAudit } from '../audit/append.js';
import { enqueueJob } from '../jobs/queue.js';
import type { JobHandler } from '../jobs/worker.js';
import { appendJournal } from '../records/journal.js';
import type { RecordTypeDefinition } from '../records/record-type.js';
import { markWarned, nextThreshold } from './clock.js';
import { breachClock, toClock, workingTimes } from './clocks.js';
import { notifySla } from './notify.js';

export const SLA_SWEEP_EVERY_MS = 30_000;
const BATCH = 500;

type ClockRow = Selectable<SlaClockTable>;

/** Raises the next warning of a clock once: the update only lands if nobody raised it first. */
async function warn(
  db: Kysely<Database>,
  ctx: AuditContext,
  types: readonly RecordTypeDefinition[],
  row: ClockRow,
  now: number,
): Promise<boolean> {
  const clock = toClock(row);
  const threshold = nextThreshold(clock);
  if (threshold === null) return false;
  // Already due: the breach says it all, so the warnings left are settled without a word.
  const late = row.due_at !== null && row.due_at <= now;
  const after = late
    ? { warnedPercent: Math.max(...clock.warnAt), nextWarnAt: null }
    : markWarned(clock, threshold, await workingTimes(db)(row.calendar_id));
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('sla_clocks')
      .set({ warned_percent: after.warnedPercent, next_warn_at: after.nextWarnAt === null ? null : Math.round(after.nextWarnAt) })
      .where('id', '=', row.id)
      .where('warned_percent', '=', row.warned_percent)
      .where('state', '=', 'running')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1 || late) return false;
    const record = await trx.selectFrom('records').select(['type', 'number']).where('id', '=', row.record_id).executeTakeFirstOrThrow();
    await appendJournal(trx, {
      recordId: row.record_id,
      kind: 'sla',
      visibility: 'internal',
      data: { event: 'warned', target: row.target_key, percent: threshold, dueAt: row.due_at === null ? null : iso(row.due_at) },
      authorId: null,
    });
    await notifySla(trx, ctx, types, row, { event: 'sla_warning', percent: threshold });
    await appendAudit(trx, ctx, {
      action: 'sla.warned',
      objectType: record.type,
      objectId: row.record_id,
      objectLabel: record.number,
      changes: { [`sla.${row.target_key}`]: [null, `${threshold}%`] },
    });
    return true;
  });
}

/**
 * Finds clocks that fell due or reached a warning threshold and raises each event once,
 * however many processes sweep at the same time and however late a sweep runs.
 */
export async function sweepSla(
  db: Db,
  options: { types: readonly RecordTypeDefinition[]; mail: boolean; now?: number },
): Promise<{ breached: number; warned: number }> {
  const now = options.now ?? Date.now();
  const { types } = options;
  const ctx: AuditContext = { actorId: null, actorName: 'system', ip: null, requestId: null, dialect: db.dialect, mail: options.mail };
  let warned = 0;
  const warnings = await db.kysely
    .selectFrom('sla_clocks')
    .selectAll()
    .where('state', '=', 'running')
    .where('next_warn_at', '<=', now)
    .orderBy('next_warn_at')
    .limit(BATCH)
    .execute();
  for (const row of warnings) if (await warn(db.kysely, ctx, types, row, now)) warned++;

  let breached = 0;
  const due = await db.kysely
    .selectFrom('sla_clocks')
    .selectAll()
    .where('state', '=', 'running')
    .where('breached', '=', 0)
    .where('due_at', '<=', now)
    .orderBy('due_at')
    .limit(BATCH)
    .execute();
  for (const row of due) {
    if (await db.kysely.transaction().execute((trx) => breachClock(trx, ctx, types, row, row.due_at ?? now))) breached++;
  }
  return { breached, warned };
}

const periodKey = (at: number) => `sla-sweep:${Math.floor(at / SLA_SWEEP_EVERY_MS)}`;

/** Books the next sweep; every process does, the dedupe key keeps one per period. */
export async function scheduleSlaSweep(db: Db, at = Date.now()): Promise<void> {
  const next = (Math.floor(at / SLA_SWEEP_EVERY_MS) + 1) * SLA_SWEEP_EVERY_MS;
  await enqueueJob(db.kysely, { kind: 'sla.sweep', runAt: next, payload: { at: next }, dedupeKey: periodKey(next), maxAttempts: 3 });
}

/** The sweep job; mail goes out when this process sends mail, like any other notification. */
export const slaSweepHandler =
  (config: Config, types: readonly RecordTypeDefinition[]): JobHandler =>
  async (job, db) => {
    await sweepSla(db, { types, mail: config.mail.smtpUrl !== null });
    const at = typeof job.payload === 'object' && job.payload !== null && 'at' in job.payload ? Number(job.payload.at) : Date.now();
    await scheduleSlaSweep(db, Number.isFinite(at) ? at : Date.now());
  };
