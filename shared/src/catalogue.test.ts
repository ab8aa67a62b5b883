import { describe, expect, it } from 'vitest';
import { addMonths, reviewReminderDue } from './agreements.js';
import { type CatalogueForm, catalogueFormSchema, validateCatalogueForm } from './catalogue.js';
import { reachableServices } from './services.js';

const label = (en: string) => ({ 'zh-CN': en, en });
const form: CatalogueForm = catalogueFormSchema.parse({
  fields: [
    { key: 'reason', type: 'textarea', label: label('Reason'), required: true, max: 20 },
    { key: 'asset_tag', type: 'text', label: label('Asset tag'), pattern: 'PC-\\d{4}' },
    { key: 'count', type: 'number', label: label('How many'), min: 1, max: 5 },
    { key: 'needed_by', type: 'date', label: label('Needed by') },
    {
      key: 'model',
      type: 'choice',
      label: label('Model'),
      required: true,
      options: [
        { value: 'thin', label: label('Thin') },
        { value: 'pro', label: label('Pro') },
      ],
    },
    {
      key: 'extras',
      type: 'multi_choice',
      label: label('Extras'),
      max: 2,
      options: [
        { value: 'dock', label: label('Dock') },
        { value: 'bag', label: label('Bag') },
        { value: 'mouse', label: label('Mouse') },
      ],
    },
    { key: 'for_user', type: 'user', label: label('For') },
    { key: 'urgent', type: 'boolean', label: label('Urgent'), required: true },
  ],
});

const good = { reason: '新员工入职', model: 'pro', urgent: false };
const errorsOf = (answers: Record<string, unknown>) => validateCatalogueForm(form, answers);

describe('validateCatalogueForm', () => {
  it('accepts complete, well-typed answers (false counts as an answer)', () => {
    expect(errorsOf(good)).toEqual([]);
    expect(errorsOf({ ...good, asset_tag: 'PC-0042', count: 5, needed_by: '2028-02-29', extras: ['dock', 'bag'], for_user: 7 })).toEqual(
      [],
    );
  });

  it('names every missing required field and every unknown field by its path', () => {
    expect(errorsOf({ reason: '  ', colour: 'red' })).toEqual([
      { path: 'answers.colour', code: 'unknown_field', message: 'The form has no such field' },
      { path: 'answers.reason', code: 'required', message: 'Required' },
      { path: 'answers.model', code: 'required', message: 'Required' },
      { path: 'answers.urgent', code: 'required', message: 'Required' },
    ]);
    expect(validateCatalogueForm(form, {}, 'form').map((e) => e.path)).toEqual(['form.reason', 'form.model', 'form.urgent']);
  });

  it('checks kinds, bounds, patterns, dates and options', () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ reason: 'x'.repeat(21) }, 'answers.reason', 'too_long'],
      [{ asset_tag: 'PC-12345' }, 'answers.asset_tag', 'pattern'],
      [{ asset_tag: 'line\nbreak' }, 'answers.asset_tag', 'single_line'],
      [{ count: 0 }, 'answers.count', 'too_small'],
      [{ count: 6 }, 'answers.count', 'too_large'],
      [{ count: '3' }, 'answers.count', 'expected_number'],
      [{ count: Number.NaN }, 'answers.count', 'expected_number'],
      [{ needed_by: '2027-02-29' }, 'answers.needed_by', 'expected_date'],
      [{ needed_by: '2027-1-5' }, 'answers.needed_by', 'expected_date'],
      [{ model: 'gold' }, 'answers.model', 'not_an_option'],
      [{ extras: ['dock', 'dock'] }, 'answers.extras', 'duplicate_option'],
      [{ extras: ['dock', 'bag', 'mouse'] }, 'answers.extras', 'too_many_choices'],
      [{ extras: ['dock', 'cable'] }, 'answers.extras', 'not_an_option'],
      [{ extras: 'dock' }, 'answers.extras', 'expected_options'],
      [{ for_user: 1.5 }, 'answers.for_user', 'expected_user'],
      [{ urgent: 'yes' }, 'answers.urgent', 'expected_boolean'],
      [{ reason: 42 }, 'answers.reason', 'expected_text'],
    ];
    for (const [patch, path, code] of cases) {
      const errors = errorsOf({ ...good, ...patch });
      expect(
        errors.map((e) => [e.path, e.code]),
        JSON.stringify(patch),
      ).toEqual([[path, code]]);
    }
    expect(errorsOf({ ...good, count: 9 })[0]).toMatchObject({ limit: 5, message: 'Must be at most 5' });
  });

  it('anchors a pattern to the whole answer', () => {
    expect(errorsOf({ ...good, asset_tag: 'xxPC-1234yy' }).map((e) => e.path)).toEqual(['answers.asset_tag']);
  });
});

describe('catalogueFormSchema', () => {
  const field = (extra: Record<string, unknown>) => catalogueFormSchema.safeParse({ fields: [{ key: 'f', label: label('F'), ...extra }] });
  it('refuses inconsistent field definitions', () => {
    expect(field({ type: 'choice' }).success).toBe(false);
    expect(field({ type: 'text', options: [{ value: 'a', label: label('A') }] }).success).toBe(false);
    expect(field({ type: 'number', pattern: '\\d+' }).success).toBe(false);
    expect(field({ type: 'text', pattern: '(' }).success).toBe(false);
    expect(field({ type: 'date', min: 1 }).success).toBe(false);
    expect(field({ type: 'number', min: 5, max: 1 }).success).toBe(false);
    expect(field({ type: 'signature' }).success).toBe(false);
    expect(field({ type: 'text', colour: 'red' }).success).toBe(false);
    expect(field({ type: 'text' }).success).toBe(true);
    const twice = { key: 'a', type: 'text', label: label('A') };
    expect(catalogueFormSchema.safeParse({ fields: [twice, twice] }).success).toBe(false);
  });

  it('refuses patterns with nested repetition and keeps ordinary ones', () => {
    for (const pattern of ['(a+)+', '(\\w*)*x', '(ab|c+){2,}']) expect(field({ type: 'text', pattern }).success, pattern).toBe(false);
    for (const pattern of ['CC-[0-9]{4}', '(ab|cd)+', '[A-Z]{2}-\\d+'])
      expect(field({ type: 'text', pattern }).success, pattern).toBe(true);
  });
});

describe('supporting services', () => {
  it('walks dependencies transitively and survives a cycle already in the data', () => {
    const edges = new Map([
      [1, [2]],
      [2, [3]],
      [3, [1]],
      [4, []],
    ]);
    expect([...reachableServices(1, edges)].sort()).toEqual([1, 2, 3]);
    expect(reachableServices(4, edges).size).toBe(0);
  });
});

describe('agreement review dates', () => {
  it('adds calendar months, clamping to the end of shorter months', () => {
    expect(new Date(addMonths(Date.parse('2026-01-31T08:00:00Z'), 1)).toISOString()).toBe('2026-02-28T08:00:00.000Z');
    expect(new Date(addMonths(Date.parse('2027-11-15T00:00:00Z'), 12)).toISOString()).toBe('2028-11-15T00:00:00.000Z');
    expect(new Date(addMonths(Date.parse('2028-02-29T00:00:00Z'), 12)).toISOString()).toBe('2029-02-28T00:00:00.000Z');
  });

  it('reminds from 14 days before the review date, once per review period', () => {
    const due = Date.parse('2026-06-30T00:00:00Z');
    const day = 86_400_000;
    expect(reviewReminderDue({ nextReviewAt: due, remindedFor: null }, due - 15 * day)).toBe(false);
    expect(reviewReminderDue({ nextReviewAt: due, remindedFor: null }, due - 14 * day)).toBe(true);
    expect(reviewReminderDue({ nextReviewAt: due, remindedFor: due }, due + day)).toBe(false);
    expect(reviewReminderDue({ nextReviewAt: due + 365 * day, remindedFor: due }, due + 360 * day)).toBe(true);
  });
});
