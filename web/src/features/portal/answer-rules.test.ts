import type { CatalogueField } from '@keel/shared';
import { describe, expect, it } from 'vitest';
import { answersOf, checkAnswer } from './answer-rules';

const label = { 'zh-CN': '数量', en: 'Quantity' };
const quantity: CatalogueField = { key: 'quantity', label, type: 'number', required: true, min: 1, max: 5 };

describe('checkAnswer', () => {
  it('gives the server’s codes for one field', () => {
    expect(checkAnswer(quantity, undefined)).toBe('required');
    expect(checkAnswer(quantity, 9)).toBe('max');
    expect(checkAnswer(quantity, 3)).toBeNull();
    expect(checkAnswer({ ...quantity, required: false }, undefined)).toBeNull();
  });
});

describe('answersOf', () => {
  it('leaves out empty answers and keeps false and zero', () => {
    expect(answersOf({ a: '', b: [], c: null, d: false, e: 0, f: 'x' })).toEqual({ d: false, e: 0, f: 'x' });
  });
});
