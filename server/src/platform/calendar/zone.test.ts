import { describe, expect, it } from 'vitest';
import { addDays, instantOf, localDateKey, localMinuteOfDay, weekdayIndex } from './zone.js';

describe('time-zone arithmetic', () => {
  it('finds the local date and minute of an instant', () => {
    const instant = Date.parse('2026-11-25T16:30:00Z');
    expect(localDateKey(instant, 'Asia/Shanghai')).toBe('2026-11-26');
    expect(localMinuteOfDay(instant, 'Asia/Shanghai')).toBe(30);
    expect(localDateKey(instant, 'America/New_York')).toBe('2026-11-25');
  });

  it('turns a local wall time into an instant, across daylight saving', () => {
    expect(instantOf('2026-11-26', 9 * 60, 'Asia/Shanghai')).toBe(Date.parse('2026-11-26T01:00:00Z'));
    expect(instantOf('2026-07-01', 9 * 60, 'Europe/London')).toBe(Date.parse('2026-07-01T08:00:00Z'));
    expect(instantOf('2026-12-01', 9 * 60, 'Europe/London')).toBe(Date.parse('2026-12-01T09:00:00Z'));
    // 01:30 does not exist in London on 29 March 2026 (clocks jump from 01:00 to 02:00).
    expect(instantOf('2026-03-29', 90, 'Europe/London')).toBe(Date.parse('2026-03-29T01:00:00Z'));
    // 01:30 happens twice on 25 October 2026; the first is taken.
    expect(instantOf('2026-10-25', 90, 'Europe/London')).toBe(Date.parse('2026-10-25T00:30:00Z'));
  });

  it('steps dates and names weekdays from Monday', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(weekdayIndex('2026-11-30')).toBe(0);
    expect(weekdayIndex('2026-11-29')).toBe(6);
  });
});
