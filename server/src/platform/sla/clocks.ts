import { type SlaClock, type StateCategory, slaTargetSchema } from '@keel/shared';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { z } from 'zod';
import type { Database, SlaClockTable } from '../../db/schema.js';
import { iso, isoOrNull } from '../../db/time.js';
import { type AuditContext, appendAudit } from '../audit/append.js';
import { businessCalendarById } from '../calendar/load.js';
import { appendJournal } from '../records/journal.js';
import type { RecordTypeDefinition } from '../records/record-type.js';
import { ALWAYS, type Clock, pauseClock, resumeClock, retargetClock, startClock, stopClock, type WorkingTime } from './clock.js';
import { notifySla } from './notify.js';
import { matchPolicy, type SlaSubject, targetMinutes } from './policies.js';

type Trx = Transaction<Database>;
type ClockRow = Selectable<SlaClockTable>;

/** Working time of a calendar (around the clock without one), loaded once per calendar per call. */
export function workingTimes(db: Kysely<Database>) {
  const cache = new Map<number, Promise<WorkingTime>>();
  return (calendarId: number | null): Promise<WorkingTime> => {
    if (calendarId === null) return Promise.resolve(ALWAYS);
    let loaded = cache.get(calendarId);
    if (!loaded) {
      // A deleted calendar leaves its clocks on round-the-clock time rather than stuck.
      loaded = businessCalendarById(db, calendarId).then((c) => c ?? ALWAYS);
      cache.set(calendarId, loaded);
    }
    return loaded;
  };
}

export const toClock = (row: ClockRow): Clock => ({
  state: row.state,
  targetMinutes: row.target_minutes,
  elapsedMs: row.elapsed_ms,
  resumedAt: row.resumed_at,
  dueAt: row.due_at,
  nextWarnAt: row.next_warn_at,
  warnAt: JSON.parse(row.warn_at),
  warnedPercent: row.warned_percent,
  stoppedAt: row.stopped_at,
});

const toColumns = (clock: Clock) => ({
  state: clock.state,
  target_minutes: clock.targetMinutes,
  elapsed_ms: Math.round(clock.elapsedMs),
  resumed_at: clock.resumedAt,
  due_at: clock.dueAt === null ? null : Math.round(clock.dueAt),
  next_warn_at: clock.nextWarnAt === null ? null : Math.round(clock.nextWarnAt),
  warned_percent: clock.warnedPercent,
  stopped_at: clock.stoppedAt,
});

/** Starts the clocks of the first matching policy on a new record, in its transaction. */
export async function startSlaClocks(trx: Trx, record: SlaSubject & { id: number; opened_at: number }): Promise<void> {
  const policy = await matchPolicy(trx, record);
  if (!policy) return;
  const time = await workingTimes(trx)(policy.calendarId);
  for (const target of policy.targets) {
    const minutes = targetMinutes(target, record.priority);
    if (minutes === null) continue;
    const clock = startClock({ targetMinutes: minutes, warnAt: policy.warnAt, at: record.opened_at }, time);
    await trx
      .insertInto('sla_clocks')
      .values({
        record_id: record.id,
        policy_id: policy.id,
        target_key: target.key,
        label_en: target.label.en,
        label_zh: target.label['zh-CN'],
        stop_on: JSON.stringify(target.stopOn),
        pause_on: JSON.stringify(policy.pauseOn),
        warn_at: JSON.stringify(policy.warnAt),
        calendar_id: policy.calendarId,
        started_at: record.opened_at,
        breached: 0,
        ...toColumns(clock),
      })
      .execute();
  }
  await syncRecordDue(trx, record.id);
}

/**
 * The record's earliest running due time, kept on the record so lists sort by urgency through an
 * index. A record has a handful of clocks: reading them by `record_id` (the unique index) and taking
 * the minimum here keeps the planner from scanning every running clock through the sweeper's index.
 */
async function syncRecordDue(trx: Trx, recordId: number): Promise<void> {
  const clocks = await trx.selectFrom('sla_clocks').select(['state', 'due_at']).where('record_id', '=', recordId).execute();
  let due: number | null = null;
  for (const clock of clocks) {
    if (clock.state !== 'running' || clock.due_at === null) continue;
    const at = Number(clock.due_at);
    if (due === null || at < due) due = at;
  }
  await trx.updateTable('records').set({ sla_due_at: due }).where('id', '=', recordId).execute();
}

/** Marks a clock breached exactly once (the conditional update decides) and records it in the timeline and the audit trail. */
export async function breachClock(
  trx: Trx,
  ctx: AuditContext,
  types: readonly RecordTypeDefinition[],
  row: ClockRow,
  breachedAt: number,
): Promise<boolean> {
  const result = await trx
    .updateTable('sla_clocks')
    .set({ breached: 1, breached_at: breachedAt })
    .where('id', '=', row.id)
    .where('breached', '=', 0)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  const record = await trx.selectFrom('records').select(['type', 'number']).where('id', '=', row.record_id).executeTakeFirstOrThrow();
  await appendJournal(trx, {
    recordId: row.record_id,
    kind: 'sla',
    visibility: 'internal',
    data: { event: 'breached', target: row.target_key, dueAt: iso(breachedAt) },
    authorId: null,
  });
  await notifySla(trx, ctx, types, row, { event: 'sla_breached' });
  await appendAudit(trx, ctx, {
    action: 'sla.breached',
    objectType: record.type,
    objectId: row.record_id,
    objectLabel: record.number,
    changes: { [`sla.${row.target_key}`]: [null, 'breached'] },
  });
  return true;
}

function nextClock(clock: Clock, row: ClockRow, to: StateCategory, at: number, time: WorkingTime): Clock {
  const stopOn: string[] = JSON.parse(row.stop_on);
  const pauseOn: string[] = JSON.parse(row.pause_on);
  if (to === 'cancelled') return stopClock(clock, at, time, 'cancelled');
  if (stopOn.includes(to)) return stopClock(clock, at, time);
  // Reopened after the target's stop: the same clock counts on from where it stopped.
  if (clock.state === 'stopped') return pauseOn.includes(to) ? clock : resumeClock(clock, at, time);
  if (pauseOn.includes(to)) return pauseClock(clock, at, time);
  return clock.state === 'paused' ? resumeClock(clock, at, time) : clock;
}

/** Pauses, resumes, stops or cancels a record's clocks as it enters a state category. */
export async function moveSlaClocks(
  trx: Trx,
  ctx: AuditContext,
  types: readonly RecordTypeDefinition[],
  change: { recordId: number; to: StateCategory; at: number },
): Promise<void> {
  const { recordId, to, at } = change;
  const rows = await trx.selectFrom('sla_clocks').selectAll().where('record_id', '=', recordId).where('state', '!=', 'cancelled').execute();
  const times = workingTimes(trx);
  let moved = false;
  for (const row of rows) {
    const before = toClock(row);
    const after = nextClock(before, row, to, at, await times(row.calendar_id));
    if (after === before) continue;
    // Stopped after the due time without the sweeper having noticed yet: the breach still counts, once.
    if (after.state === 'stopped' && before.dueAt !== null && at > before.dueAt) await breachClock(trx, ctx, types, row, before.dueAt);
    await trx.updateTable('sla_clocks').set(toColumns(after)).where('id', '=', row.id).execute();
    moved = true;
  }
  if (moved) await syncRecordDue(trx, recordId);
}

/** A new priority gives running and paused clocks the policy's target for it; time used still counts. */
export async function retargetSlaClocks(trx: Trx, recordId: number, priority: number | null, at: number): Promise<void> {
  const rows = await trx
    .selectFrom('sla_clocks')
    .innerJoin('sla_policies', 'sla_policies.id', 'sla_clocks.policy_id')
    .selectAll('sla_clocks')
    .select('sla_policies.targets')
    .where('sla_clocks.record_id', '=', recordId)
    .where('sla_clocks.state', 'in', ['running', 'paused'])
    .execute();
  const times = workingTimes(trx);
  for (const row of rows) {
    const target = z
      .array(slaTargetSchema)
      .parse(JSON.parse(row.targets))
      .find((t) => t.key === row.target_key);
    const minutes = target ? targetMinutes(target, priority) : null;
    if (minutes === null || minutes === row.target_minutes) continue;
    const after = retargetClock(toClock(row), minutes, at, await times(row.calendar_id));
    await trx.updateTable('sla_clocks').set(toColumns(after)).where('id', '=', row.id).execute();
  }
  if (rows.length > 0) await syncRecordDue(trx, recordId);
}

/** The clocks of a page of records, in one query. */
export async function readSlaClocks(db: Kysely<Database>, ids: readonly number[]): Promise<Map<number, SlaClock[]>> {
  const result = new Map<number, SlaClock[]>();
  if (ids.length === 0) return result;
  const rows = await db
    .selectFrom('sla_clocks')
    .selectAll()
    .where('record_id', 'in', [...ids])
    .orderBy('id')
    .execute();
  for (const row of rows) {
    const list = result.get(row.record_id) ?? [];
    list.push({
      id: row.id,
      target: row.target_key,
      label: { en: row.label_en, 'zh-CN': row.label_zh },
      state: row.state,
      targetMinutes: row.target_minutes,
      dueAt: isoOrNull(row.due_at),
      elapsedMinutes: Math.floor(row.elapsed_ms / 60_000),
      breached: row.breached === 1,
      breachedAt: isoOrNull(row.breached_at),
      warnedPercent: row.warned_percent,
      startedAt: iso(row.started_at),
      stoppedAt: isoOrNull(row.stopped_at),
      breachReason: row.breach_reason,
      breachReasonAt: isoOrNull(row.breach_reason_at),
    });
    result.set(row.record_id, list);
  }
  return result;
}
