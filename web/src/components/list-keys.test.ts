import { describe, expect, it } from 'vitest';
import { keyOf, moveHighlight } from './list-keys';

describe('list keyboard moves', () => {
  it('read j/k and the arrows, Home and End; other keys are not moves', () => {
    expect(['j', 'ArrowDown', 'k', 'ArrowUp', 'Home', 'End', 'x'].map((key) => keyOf({ key }))).toEqual([
      'next',
      'next',
      'previous',
      'previous',
      'first',
      'last',
      null,
    ]);
  });

  it('start at the first row and stay inside the list', () => {
    expect(moveHighlight(-1, 'next', 3)).toBe(0);
    expect(moveHighlight(2, 'next', 3)).toBe(2);
    expect(moveHighlight(0, 'previous', 3)).toBe(0);
    expect(moveHighlight(1, 'last', 3)).toBe(2);
    expect(moveHighlight(2, 'first', 3)).toBe(0);
    expect(moveHighlight(0, 'next', 0)).toBe(-1);
  });
});
