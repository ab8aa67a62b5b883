import type { CatalogueField } from '@keel/shared';
import { describe, expect, it } from 'vitest';
import { answersOf, checkAnswer } from './answer-rules';

const label = { 'zh-CN': '字段', en: 'Field' };
const quantity: CatalogueField = { key: 'quantity', label, type: 'number', required: true, min: 1, max: 5 };
const text: CatalogueField = { key: 'code', label, type: 'text', required: false, pattern: 'CC-[0-9]{4}', max: 10 };
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
  it('gives the server’s code and limit for one field', () => {
    const code = (field: CatalogueField, value: unknown) => checkAnswer(field, value)?.code ?? null;
    expect(code(quantity, undefined)).toBe('required');
    expect(code(quantity, '')).toBe('required');
    expect(checkAnswer(quantity, 9)).toMatchObject({ code: 'too_large', limit: 5 });
    expect(code(quantity, 3)).toBeNull();
    expect(code({ ...quantity, required: false }, undefined)).toBeNull();
    expect(code(text, 'CC-12')).toBe('pattern');
    expect(checkAnswer(text, 'CC-1234-56789')).toMatchObject({ code: 'too_long', limit: 10 });
    expect(code(text, 'CC-1234')).toBeNull();
    expect(code(picks, ['a', 'b'])).toBe('too_many_choices');
    expect(code(picks, ['c'])).toBe('not_an_option');
  });
});

describe('answersOf', () => {
  it('leaves out empty answers and keeps false and zero', () => {
    expect(answersOf({ a: '', b: [], c: null, d: false, e: 0, f: 'x' })).toEqual({ d: false, e: 0, f: 'x' });
  });
});
