import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './backoff.js';

describe('retry backoff', () => {
  it('doubles from five seconds', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, mid))).toEqual([5_000, 10_000, 20_000, 40_000]);
  });

  it('is capped at an hour and jittered by at most a fifth', () => {
    expect(retryDelayMs(30, () => 0.5)).toBe(3_600_000);
    expect(retryDelayMs(1, () => 0)).toBe(4_000);
    expect(retryDelayMs(1, () => 0.999_999)).toBe(6_000);
  });
});
