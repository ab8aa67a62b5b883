/**
 * SLA clock arithmetic, pure: a clock accumulates business time while running, keeps it
 * while paused, and knows when it falls due and when its next warning is. Times are epoch ms.
 */
export type WorkingTime = {
  /** The instant after `minutes` of working time from `from`. */
  addMinutes(from: number, minutes: number): number;
  /** Working milliseconds between two instants. */
  millisecondsBetween(from: number, to: number): number;
};

/** Around the clock: what a policy without a calendar uses. */
export const ALWAYS: WorkingTime = {
  addMinutes: (from, minutes) => from + minutes * 60_000,
  millisecondsBetween: (from, to) => Math.max(0, to - from),
};

export type Clock = {
  state: 'running' | 'paused' | 'stopped' | 'cancelled';
  targetMinutes: number;
  /** Working time used before the current running stretch. */
  elapsedMs: number;
  /** Start of the current running stretch (null unless running). */
  resumedAt: number | null;
  dueAt: number | null;
  nextWarnAt: number | null;
  warnAt: readonly number[];
  warnedPercent: number;
  stoppedAt: number | null;
};

export function elapsedAt(clock: Clock, at: number, time: WorkingTime): number {
  if (clock.state !== 'running' || clock.resumedAt === null) return clock.elapsedMs;
  return clock.elapsedMs + time.millisecondsBetween(clock.resumedAt, at);
}

/** The next warning threshold above the ones already raised, if any. */
export function nextThreshold(clock: Pick<Clock, 'warnAt' | 'warnedPercent'>): number | null {
  const next = [...clock.warnAt].sort((a, b) => a - b).find((p) => p > clock.warnedPercent);
  return next ?? null;
}

/** Due time and next warning of a running clock, from the start of its running stretch. */
function schedule(clock: Clock, time: WorkingTime): Clock {
  if (clock.state !== 'running' || clock.resumedAt === null) return { ...clock, dueAt: null, nextWarnAt: null };
  const from = clock.resumedAt;
  const usedMinutes = clock.elapsedMs / 60_000;
  const dueAt = time.addMinutes(from, Math.max(0, clock.targetMinutes - usedMinutes));
  const threshold = nextThreshold(clock);
  const nextWarnAt = threshold === null ? null : time.addMinutes(from, Math.max(0, (clock.targetMinutes * threshold) / 100 - usedMinutes));
  return { ...clock, dueAt, nextWarnAt };
}

export function startClock(input: { targetMinutes: number; warnAt: readonly number[]; at: number }, time: WorkingTime): Clock {
  return schedule(
    {
      state: 'running',
      targetMinutes: input.targetMinutes,
      elapsedMs: 0,
      resumedAt: input.at,
      dueAt: null,
      nextWarnAt: null,
      warnAt: input.warnAt,
      warnedPercent: 0,
      stoppedAt: null,
    },
    time,
  );
}

export function pauseClock(clock: Clock, at: number, time: WorkingTime): Clock {
  if (clock.state !== 'running') return clock;
  return { ...clock, state: 'paused', elapsedMs: elapsedAt(clock, at, time), resumedAt: null, dueAt: null, nextWarnAt: null };
}

export function resumeClock(clock: Clock, at: number, time: WorkingTime): Clock {
  if (clock.state !== 'paused' && clock.state !== 'stopped') return clock;
  return schedule({ ...clock, state: 'running', resumedAt: at, stoppedAt: null }, time);
}

export function stopClock(clock: Clock, at: number, time: WorkingTime, state: 'stopped' | 'cancelled' = 'stopped'): Clock {
  if (clock.state === 'stopped' || clock.state === 'cancelled') return clock;
  return { ...clock, state, elapsedMs: elapsedAt(clock, at, time), resumedAt: null, dueAt: null, nextWarnAt: null, stoppedAt: at };
}

/** A new target (the priority changed): time already used counts against it. */
export function retargetClock(clock: Clock, targetMinutes: number, at: number, time: WorkingTime): Clock {
  if (clock.state !== 'running') return { ...clock, targetMinutes };
  return schedule({ ...clock, targetMinutes, elapsedMs: elapsedAt(clock, at, time), resumedAt: at }, time);
}

/** After a warning at `percent` is raised: remember it and look ahead to the next one. */
export function markWarned(clock: Clock, percent: number, time: WorkingTime): Clock {
  return schedule({ ...clock, warnedPercent: Math.max(clock.warnedPercent, percent) }, time);
}
