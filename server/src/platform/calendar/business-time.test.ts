import { type CalendarDefinition, calendarDefinitionSchema, minutesOfDay } from '@keel/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BusinessCalendar, NoWorkingTimeError } from './business-time.js';
import { CHINA_STATUTORY_YEARS } from './china.js';
import { withStatutoryYears } from './statutory.js';
import { addDays, localDateKey, localMinuteOfDay, weekdayIndex } from './zone.js';

const office = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '18:00' },
];
const shanghai = calendarDefinitionSchema.parse({
  timeZone: 'Asia/Shanghai',
  weekly: [office, office, office, office, office, [], []],
});
const at = (local: string) => Date.parse(`${local}+08:00`);

describe('business time on a Shanghai office calendar', () => {
  const cal = new BusinessCalendar(shanghai);

  it('carries time over lunch, the evening and the weekend', () => {
    expect(cal.addMinutes(at('2026-11-27T11:30:00'), 60)).toBe(at('2026-11-27T13:30:00'));
    expect(cal.addMinutes(at('2026-11-27T17:00:00'), 120)).toBe(at('2026-11-30T10:00:00'));
    expect(cal.addMinutes(at('2026-11-28T03:00:00'), 1)).toBe(at('2026-11-30T09:01:00'));
    expect(cal.addMinutes(at('2026-11-27T17:00:00'), 0)).toBe(at('2026-11-27T17:00:00'));
  });

  it('counts the working minutes between two instants', () => {
    expect(cal.minutesBetween(at('2026-11-27T17:00:00'), at('2026-11-30T10:00:00'))).toBe(120);
    expect(cal.minutesBetween(at('2026-11-30T08:00:00'), at('2026-11-30T20:00:00'))).toBe(480);
    expect(cal.minutesBetween(at('2026-11-30T10:00:00'), at('2026-11-30T09:00:00'))).toBe(0);
  });

  it('skips the Spring Festival and works the make-up Saturday (调休)', () => {
    const china = new BusinessCalendar(withStatutoryYears(shanghai, CHINA_STATUTORY_YEARS));
    // Friday 13 Feb 2026 17:00 + 2 h: Saturday 14 Feb is a make-up working day.
    expect(china.addMinutes(at('2026-02-13T17:00:00'), 120)).toBe(at('2026-02-14T10:00:00'));
    // Saturday 14 Feb 17:00 + 2 h: 15–23 Feb are holidays, so Tuesday 24 Feb.
    expect(china.addMinutes(at('2026-02-14T17:00:00'), 120)).toBe(at('2026-02-24T10:00:00'));
    expect(china.isWorking(at('2026-02-16T10:00:00'))).toBe(false);
    expect(china.isWorking(at('2026-02-28T10:00:00'))).toBe(true);
  });

  it('lets a one-off exception replace a day', () => {
    const cal2 = new BusinessCalendar({ ...shanghai, exceptions: [{ date: '2026-11-30', periods: [{ start: '14:00', end: '15:00' }] }] });
    expect(cal2.addMinutes(at('2026-11-30T00:00:00'), 90)).toBe(at('2026-12-01T09:30:00'));
  });

  it('reports a calendar without working time instead of looping', () => {
    const closed = new BusinessCalendar({ ...shanghai, weekly: [[], [], [], [], [], [], []] });
    expect(() => closed.addMinutes(at('2026-11-30T00:00:00'), 1)).toThrow(NoWorkingTimeError);
  });
});

/** The rules read directly, minute by minute: what the interval arithmetic must agree with. */
function oracleIsWorking(def: CalendarDefinition, instant: number): boolean {
  const day = localDateKey(instant, def.timeZone);
  const minute = localMinuteOfDay(instant, def.timeZone);
  const exception = def.exceptions.find((e) => e.date === day);
  let periods = def.weekly[weekdayIndex(day)] ?? [];
  if (def.workdays.includes(day)) periods = def.makeUpPeriods ?? def.weekly[0] ?? [];
  if (def.holidays.includes(day)) periods = [];
  if (exception) periods = exception.periods;
  return periods.some((p) => minute >= minutesOfDay(p.start) && minute < minutesOfDay(p.end));
}

const ZONES = ['Asia/Shanghai', 'Europe/London', 'America/New_York', 'UTC'] as const;
const BASE = Date.parse('2026-03-05T00:00:00Z');
const time = (halfHours: number) => `${String(Math.floor(halfHours / 2)).padStart(2, '0')}:${halfHours % 2 ? '30' : '00'}`;

// Periods between 04:00 and 24:00 on half hours: clear of the 01:00–03:00 daylight-saving shifts.
const period = fc
  .tuple(fc.integer({ min: 8, max: 46 }), fc.integer({ min: 1, max: 12 }))
  .map(([start, length]) => ({ start: time(start), end: time(Math.min(48, start + length)) }));
const dayPeriods = fc.array(period, { maxLength: 2 }).map((ps) => {
  const sorted = [...ps].sort((a, b) => minutesOfDay(a.start) - minutesOfDay(b.start));
  return sorted.filter((p, i) => i === 0 || minutesOfDay(p.start) >= minutesOfDay(sorted[i - 1]?.end ?? '00:00'));
});
const dateNear = fc.integer({ min: 0, max: 40 }).map((d) => addDays('2026-03-05', d));
const definition = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    weekly: fc.array(dayPeriods, { minLength: 7, maxLength: 7 }),
    holidays: fc.uniqueArray(dateNear, { maxLength: 6 }),
    workdays: fc.uniqueArray(dateNear, { maxLength: 3 }),
    exceptions: fc.uniqueArray(fc.record({ date: dateNear, periods: dayPeriods }), { maxLength: 2, selector: (e) => e.date }),
  })
  .filter((d) => d.weekly.filter((p) => p.length > 0).length >= 3);

// The oracle steps minute by minute through time-zone conversions: on a busy shared machine a
// run can take longer than vitest's default 5 s without anything being wrong.
const ORACLE_TIMEOUT_MS = 30_000;

describe('business time agrees with a minute-stepping oracle', () => {
  it(
    'for adding working minutes',
    () => {
      fc.assert(
        fc.property(definition, fc.integer({ min: 0, max: 20 * 1440 }), fc.integer({ min: 0, max: 900 }), (def, offsetMinutes, minutes) => {
          const parsed = calendarDefinitionSchema.parse(def);
          const from = BASE + offsetMinutes * 60_000;
          let t = from;
          let counted = 0;
          while (counted < minutes) {
            if (oracleIsWorking(parsed, t)) counted++;
            t += 60_000;
          }
          expect(new BusinessCalendar(parsed).addMinutes(from, minutes)).toBe(t);
        }),
        { numRuns: 60 },
      );
    },
    ORACLE_TIMEOUT_MS,
  );

  it(
    'for counting working minutes between two instants',
    () => {
      fc.assert(
        fc.property(
          definition,
          fc.integer({ min: 0, max: 20 * 1440 }),
          fc.integer({ min: 0, max: 4 * 1440 }),
          (def, offsetMinutes, span) => {
            const parsed = calendarDefinitionSchema.parse(def);
            const from = BASE + offsetMinutes * 60_000;
            let expected = 0;
            for (let t = from; t < from + span * 60_000; t += 60_000) if (oracleIsWorking(parsed, t)) expected++;
            expect(new BusinessCalendar(parsed).minutesBetween(from, from + span * 60_000)).toBe(expected);
          },
        ),
        { numRuns: 60 },
      );
    },
    ORACLE_TIMEOUT_MS,
  );
});
