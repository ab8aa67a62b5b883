import { describe, expect, it } from 'vitest';
import { type CatalogueForm, catalogueFormSchema, validateCatalogueForm } from './catalogue-form.js';

const label = { 'zh-CN': '字段', en: 'Field' };
const form: CatalogueForm = catalogueFormSchema.parse({
  fields: [
    { key: 'reason', label, type: 'textarea', required: true, min: 5, max: 50 },
    { key: 'code', label, type: 'text', pattern: '[A-Z]{3}' },
    { key: 'count', label, type: 'number', min: 1, max: 10 },
    { key: 'day', label, type: 'date' },
    {
      key: 'size',
      label,
      type: 'choice',
      options: [
        { value: 's', label },
        { value: 'l', label },
      ],
    },
    {
      key: 'extras',
      label,
      type: 'multi-choice',
      max: 2,
      options: [
        { value: 'a', label },
        { value: 'b', label },
        { value: 'c', label },
      ],
    },
    { key: 'for_user', label, type: 'user' },
    { key: 'urgent', label, type: 'boolean', required: true },
  ],
});

const paths = (answers: Record<string, unknown>) => {
  const result = validateCatalogueForm(form, answers);
  return result.ok ? [] : result.errors.map((e) => `${e.path}:${e.code}`);
};

describe('validateCatalogueForm', () => {
  it('accepts good answers, trims text, drops duplicate picks and leaves empty optional answers out', () => {
    const result = validateCatalogueForm(form, {
      reason: '  需要新电脑 please ',
      code: 'ABC',
      count: 3,
      day: '2028-02-29',
      size: 'l',
      extras: ['a', 'a', 'b'],
      for_user: 42,
      urgent: false,
      // empty optional answers are fine
    });
    expect(result).toEqual({
      ok: true,
      values: {
        reason: '需要新电脑 please',
        code: 'ABC',
        count: 3,
        day: '2028-02-29',
        size: 'l',
        extras: ['a', 'b'],
        for_user: 42,
        urgent: false,
      },
    });
    expect(paths({ reason: 'long enough', urgent: true, code: '', extras: [] })).toEqual([]);
  });

  it('names every failing field once, with why', () => {
    expect(
      paths({
        reason: 'abc',
        code: 'abcd',
        count: 11,
        day: '2027-02-29',
        size: 'm',
        extras: ['a', 'b', 'c'],
        for_user: 'bob',
        color: 'red',
      }),
    ).toEqual([
      'answers.reason:min',
      'answers.code:pattern',
      'answers.count:max',
      'answers.day:date',
      'answers.size:option',
      'answers.extras:max',
      'answers.for_user:type',
      'answers.urgent:required',
      'answers.color:unknown',
    ]);
  });

  it('checks kinds: numbers are numbers, text is text, picks are lists of options', () => {
    expect(paths({ reason: 'long enough', urgent: 'yes', count: '3', extras: 'a', size: 1 })).toEqual([
      'answers.count:type',
      'answers.size:type',
      'answers.extras:type',
      'answers.urgent:type',
    ]);
    expect(paths({ reason: 'x'.repeat(51), urgent: true, count: 0 })).toEqual(['answers.reason:max', 'answers.count:min']);
  });

  it('anchors the pattern to the whole answer', () => {
    expect(paths({ reason: 'long enough', urgent: true, code: 'xABCx' })).toEqual(['answers.code:pattern']);
  });
});

describe('catalogueFormSchema', () => {
  it('refuses patterns with nested repetition, keeps ordinary ones', () => {
    const withPattern = (pattern: string) =>
      catalogueFormSchema.safeParse({ fields: [{ key: 'a', label, type: 'text', pattern }] }).success;
    expect(withPattern('(a+)+')).toBe(false);
    expect(withPattern('(\\w*)*x')).toBe(false);
    expect(withPattern('(ab|c+){2,}')).toBe(false);
    expect(withPattern('CC-[0-9]{4}')).toBe(true);
    expect(withPattern('(ab|cd)+')).toBe(true);
    expect(withPattern('[A-Z]{2}-\\d+')).toBe(true);
  });

  it('refuses duplicate keys, choice fields without options, options on other kinds and bad patterns', () => {
    const result = catalogueFormSchema.safeParse({
      fields: [
        { key: 'a', label, type: 'choice' },
        { key: 'a', label, type: 'text', options: [{ value: 'x', label }] },
        { key: 'b', label, type: 'text', pattern: '(' },
        { key: 'c', label, type: 'number', min: 5, max: 1 },
      ],
    });
    expect(result.success).toBe(false);
    const issues = result.error?.issues.map((i) => i.path.join('.')) ?? [];
    expect(issues).toEqual(
      expect.arrayContaining(['fields.0.options', 'fields.1.key', 'fields.1.options', 'fields.2.pattern', 'fields.3.min']),
    );
  });
});
