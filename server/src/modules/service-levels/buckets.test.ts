import { describe, expect, it } from 'vitest';
import { attainment, periodBuckets } from './buckets.js';

describe('periodBuckets', () => {
  it('cuts months to the period, at local midnight in the caller’s zone', () => {
    const buckets = periodBuckets('2026-01-15', '2026-03-10', 'month', 'Asia/Shanghai');
    expect(buckets.map((b) => [b.start, b.end])).toEqual([
      ['2026-01-15', '2026-01-31'],
      ['2026-02-01', '2026-02-28'],
      ['2026-03-01', '2026-03-10'],
    ]);
    // Shanghai is UTC+8: local midnight is 16:00 UTC the day before.
    expect(new Date(buckets[0]?.startMs ?? 0).toISOString()).toBe('2026-01-14T16:00:00.000Z');
    expect(new Date(buckets[2]?.endMs ?? 0).toISOString()).toBe('2026-03-10T16:00:00.000Z');
    // Contiguous: each bucket ends where the next starts.
    for (let i = 1; i < buckets.length; i++) expect(buckets[i]?.startMs).toBe(buckets[i - 1]?.endMs);
  });

  it('runs ISO weeks from Monday, the first and last partial', () => {
    // 2026-01-01 is a Thursday.
    const buckets = periodBuckets('2026-01-01', '2026-01-20', 'week', 'UTC');
    expect(buckets.map((b) => [b.start, b.end])).toEqual([
      ['2026-01-01', '2026-01-04'],
      ['2026-01-05', '2026-01-11'],
      ['2026-01-12', '2026-01-18'],
      ['2026-01-19', '2026-01-20'],
    ]);
  });

  it('follows daylight saving: a week across the change is an hour short', () => {
    const [week] = periodBuckets('2026-03-02', '2026-03-08', 'week', 'America/New_York');
    expect(((week?.endMs ?? 0) - (week?.startMs ?? 0)) / 3_600_000).toBe(7 * 24 - 1);
  });

  it('gives one bucket for a single day and crosses a year end', () => {
    expect(periodBuckets('2026-05-05', '2026-05-05', 'month', 'UTC').map((b) => [b.start, b.end])).toEqual([['2026-05-05', '2026-05-05']]);
    expect(periodBuckets('2025-12-20', '2026-01-02', 'month', 'UTC').map((b) => b.start)).toEqual(['2025-12-20', '2026-01-01']);
    expect(periodBuckets('2025-01-01', '2026-12-31', 'week', 'UTC').length).toBe(105);
  });
});

describe('attainment', () => {
  it('is a percentage with one decimal, null without measurements', () => {
    expect(attainment(2, 3)).toBe(66.7);
    expect(attainment(3, 3)).toBe(100);
    expect(attainment(0, 0)).toBeNull();
  });
});
