import { describe, expect, it } from 'vitest';
import { periodQuery } from './period';

describe('dashboard periods', () => {
  const now = new Date('2026-11-25T16:00:00Z'); // 26 November, 00:00 in Shanghai

  it('cover the last 30 whole days in the user zone, today included', () => {
    expect(periodQuery('30d', 'Asia/Shanghai', now)).toEqual({
      from: '2026-10-27T16:00:00.000Z',
      to: '2026-11-26T16:00:00.000Z',
      bucket: 'day',
    });
  });

  it('cover 26 whole weeks, ending with today', () => {
    const q = periodQuery('26w', 'Europe/London', now);
    expect(q.bucket).toBe('week');
    expect(q.to).toBe('2026-11-26T00:00:00.000Z');
    expect((Date.parse(q.to) - Date.parse(q.from)) / 86_400_000).toBe(26 * 7);
  });
});
