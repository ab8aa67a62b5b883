import { describe, expect, it } from 'vitest';
import { formatPeriods, parseDates, parsePeriods } from './calendar-text';

describe('calendar text fields', () => {
  it('round-trips periods', () => {
    const periods = [
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '18:00' },
    ];
    expect(parsePeriods(formatPeriods(periods))).toEqual(periods);
    expect(parsePeriods('9:00-12:00，13:00~18:00')).toEqual(periods);
    expect(parsePeriods('  ')).toEqual([]);
  });

  it('refuses text that is not periods', () => {
    expect(parsePeriods('nine to five')).toBeNull();
    expect(parsePeriods('09:00')).toBeNull();
  });

  it('reads dates one per line or comma-separated, sorted and without repeats', () => {
    expect(parseDates('2026-02-16\n2026-02-15, 2026-02-16')).toEqual(['2026-02-15', '2026-02-16']);
  });
});
