import type { CatalogueField } from '@keel/shared';
import { describe, expect, it } from 'vitest';
import { answersOf, checkAnswer } from './answer-rules';

const label = { 'zh-CN': '字段', en: 'Field' };
const quantity: CatalogueField = { key: 'quantity', label, type: 'number', required: true, min: 1, max: 5 };
const code: CatalogueField = { key: 'code', label, type: 'text', required: false, pattern: 'CC-[0-9]{4}', max: 10 };
const picks: CatalogueField = {
  key: 'picks',
  label,
  type: 'multi_choice',
  required: false,
  max: 1,
  options: [
    { value: 'a', label },
    { value: 'b', label },
  ],
};

describe('checkAnswer', () => {
  it('accepts what the server accepts and names why it refuses the rest', () => {
    expect(checkAnswer(quantity, undefined)).toBe('required');
    expect(checkAnswer(quantity, 9)).toBe('max');
    expect(checkAnswer(quantity, 0)).toBe('min');
    expect(checkAnswer(quantity, 3)).toBeNull();
    expect(checkAnswer({ ...quantity, required: false }, undefined)).toBeNull();
    expect(checkAnswer(code, 'CC-12')).toBe('pattern');
    expect(checkAnswer(code, 'CC-1234-56789')).toBe('max');
    expect(checkAnswer(code, 'CC-1234')).toBeNull();
    expect(checkAnswer(picks, ['a', 'b'])).toBe('max');
    expect(checkAnswer(picks, ['c'])).toBe('option');
    expect(checkAnswer({ key: 'd', label, type: 'date', required: false }, '2027-02-29')).toBe('date');
  });
});

describe('answersOf', () => {
  it('leaves out empty answers and keeps false and zero', () => {
    expect(answersOf({ a: '', b: [], c: null, d: false, e: 0, f: 'x' })).toEqual({ d: false, e: 0, f: 'x' });
  });
});
