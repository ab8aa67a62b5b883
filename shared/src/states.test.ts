import { describe, expect, it } from 'vitest';
import { isReopen } from './states.js';

describe('isReopen', () => {
  it('counts a resolved or closed record taken back into work', () => {
    expect(isReopen('resolved', 'active')).toBe(true);
    expect(isReopen('closed', 'new')).toBe(true);
    expect(isReopen('resolved', 'pending')).toBe(true);
  });

  it('does not count moves between open states, closing, or leaving a cancellation', () => {
    expect(isReopen('active', 'pending')).toBe(false);
    expect(isReopen('resolved', 'closed')).toBe(false);
    expect(isReopen('cancelled', 'active')).toBe(false);
    expect(isReopen('new', 'active')).toBe(false);
  });
});
