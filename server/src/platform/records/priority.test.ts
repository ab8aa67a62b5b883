import { describe, expect, it } from 'vitest';
import { priorityOf } from './priority.js';
import { formatNumber } from './record-type.js';

describe('priority matrix', () => {
  it('maps impact × urgency to priority 1–5', () => {
    expect(priorityOf(1, 1)).toBe(1);
    expect(priorityOf(1, 3)).toBe(3);
    expect(priorityOf(3, 1)).toBe(3);
    expect(priorityOf(2, 3)).toBe(4);
    expect(priorityOf(3, 3)).toBe(5);
  });

  it('reads an administrator’s matrix when given one', () => {
    const flat = [
      [1, 1, 2],
      [1, 2, 3],
      [2, 3, 5],
    ];
    expect(priorityOf(1, 2, flat)).toBe(1);
    expect(priorityOf(3, 2, flat)).toBe(3);
    expect(priorityOf(2, 2)).toBe(3);
  });

  it('has no priority until both are known', () => {
    expect(priorityOf(null, 1)).toBeNull();
    expect(priorityOf(2, null)).toBeNull();
  });
});

describe('record numbers', () => {
  it('pads to six digits and grows beyond', () => {
    expect(formatNumber('TASK', 42)).toBe('TASK-000042');
    expect(formatNumber('INC', 1_234_567)).toBe('INC-1234567');
  });
});
