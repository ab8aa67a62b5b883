import { type CalendarDefinition, minutesOfDay, type WorkingPeriod } from '@keel/shared';
import { dateKeyOf, instantOf, offsetAt, weekdayIndex } from './zone.js';

/** A working interval as instants: [start, end). */
type Interval = readonly [number, number];

/** The most days one computation may scan before deciding the calendar has no working time left. */
const MAX_DAYS = 3 * 366;
const MINUTE = 60_000;
const DAY = 86_400_000;
const HOUR = 3_600_000;
// Remembered zone offsets per UTC quarter hour: about five years' worth before the cache restarts.
const MAX_CACHED_SLOTS = 200_000;

export class NoWorkingTimeError extends Error {
  constructor() {
    super(`The calendar has no working time within ${MAX_DAYS} days`);
  }
}

/**
 * A calendar prepared for arithmetic: the rules turned into per-day working intervals in
 * UTC, each day computed once and remembered. Adding business time walks day by day over
 * intervals, so its cost grows with the days spanned, never with the minutes.
 */
export class BusinessCalendar {
  private readonly holidays: Set<string>;
  private readonly workdays: Set<string>;
  private readonly exceptions: Map<string, WorkingPeriod[]>;
  /** Working intervals per local day, keyed by days since 1970-01-01 (local date). */
  private readonly days = new Map<number, readonly Interval[]>();
  private readonly offsets = new Map<number, number>();

  constructor(readonly definition: CalendarDefinition) {
    this.holidays = new Set(definition.holidays);
    this.workdays = new Set(definition.workdays);
    this.exceptions = new Map(definition.exceptions.map((e) => [e.date, e.periods]));
  }

  /** The local working periods of a date, after exceptions, holidays and make-up days. */
  periodsOn(dateKey: string): WorkingPeriod[] {
    const exception = this.exceptions.get(dateKey);
    if (exception) return exception;
    if (this.holidays.has(dateKey)) return [];
    if (this.workdays.has(dateKey)) return this.definition.makeUpPeriods ?? this.definition.weekly[0] ?? [];
    return this.definition.weekly[weekdayIndex(dateKey)] ?? [];
  }

  /** The working intervals of a local day (days since 1970-01-01) as instants, sorted. */
  intervalsOn(day: number): readonly Interval[] {
    let intervals = this.days.get(day);
    if (!intervals) {
      const dateKey = dateKeyOf(day * DAY);
      const zone = this.definition.timeZone;
      intervals = this.periodsOn(dateKey)
        .map((p): Interval => [instantOf(dateKey, minutesOfDay(p.start), zone), instantOf(dateKey, minutesOfDay(p.end), zone)])
        .filter(([start, end]) => end > start)
        .sort((a, b) => a[0] - b[0]);
      this.days.set(day, intervals);
    }
    return intervals;
  }

  /**
   * The local day of an instant. The zone's offset is looked up once per quarter hour of
   * UTC (offsets only change on such boundaries), which keeps Intl off the hot path.
   */
  localDay(at: number): number {
    const slot = Math.floor(at / (HOUR / 4));
    let offset = this.offsets.get(slot);
    if (offset === undefined) {
      if (this.offsets.size >= MAX_CACHED_SLOTS) this.offsets.clear();
      offset = offsetAt(slot * (HOUR / 4), this.definition.timeZone);
      this.offsets.set(slot, offset);
    }
    return Math.floor((at + offset) / DAY);
  }

  /** The instant after `minutes` of working time counted from `from` (0 minutes: `from` itself). */
  addMinutes(from: number, minutes: number): number {
    if (minutes <= 0) return from;
    let remaining = minutes * MINUTE;
    const first = this.localDay(from);
    for (let day = first; day < first + MAX_DAYS; day++) {
      for (const [start, end] of this.intervalsOn(day)) {
        if (end <= from) continue;
        const begin = Math.max(start, from);
        const available = end - begin;
        if (remaining <= available) return begin + remaining;
        remaining -= available;
      }
    }
    throw new NoWorkingTimeError();
  }

  /** Working minutes between two instants (0 when `to` is not after `from`). */
  minutesBetween(from: number, to: number): number {
    return Math.floor(this.millisecondsBetween(from, to) / MINUTE);
  }

  /** Working milliseconds between two instants: SLA clocks add these up across pauses without rounding. */
  millisecondsBetween(from: number, to: number): number {
    if (to <= from) return 0;
    let total = 0;
    const last = this.localDay(to);
    for (let day = this.localDay(from); day <= last; day++) {
      for (const [start, end] of this.intervalsOn(day)) {
        const overlap = Math.min(end, to) - Math.max(start, from);
        if (overlap > 0) total += overlap;
      }
    }
    return total;
  }

  /** Whether an instant falls inside working time. */
  isWorking(at: number): boolean {
    return this.intervalsOn(this.localDay(at)).some(([start, end]) => at >= start && at < end);
  }
}
