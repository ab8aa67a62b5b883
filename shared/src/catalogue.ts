import { z } from 'zod';
import { optionalText, text } from './common.js';
import { LIMITS } from './limits.js';
import { pageQuerySchema, queryBoolean, sortSchema } from './pagination.js';

/** The kinds of field a request form may ask for. */
export const CATALOGUE_FIELD_TYPES = ['text', 'textarea', 'number', 'date', 'choice', 'multi_choice', 'user', 'boolean'] as const;
export type CatalogueFieldType = (typeof CATALOGUE_FIELD_TYPES)[number];

const bilingual = (max: number) => z.strictObject({ 'zh-CN': text(max), en: text(max) });
const fieldKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { message: 'Lower-case letters, digits and underscore' });

export const catalogueOptionSchema = z.strictObject({ value: fieldKey, label: bilingual(100) });

/** A repeated group that itself repeats: `(a+)+`, `(\w*)*`, `(a|b+){2,}` — the shapes behind catastrophic backtracking. */
const NESTED_REPETITION = /\([^)]*[+*}][^)]*\)\s*[+*{]/;

/** Patterns are compiled with the `u` flag; a form is refused when one does not compile. */
function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

/**
 * One field of a request form. `min`/`max` bound a number's value, a text's length and how
 * many choices a multi-choice takes; `pattern` (text only) must match the whole answer.
 */
export const catalogueFieldSchema = z
  .strictObject({
    key: fieldKey,
    type: z.enum(CATALOGUE_FIELD_TYPES),
    label: bilingual(200),
    help: z.strictObject({ 'zh-CN': optionalText(500), en: optionalText(500) }).optional(),
    required: z.boolean().default(false),
    options: z.array(catalogueOptionSchema).max(100).optional(),
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
    pattern: z
      .string()
      .min(1)
      .max(200)
      .refine(compiles, { message: 'Not a valid regular expression' })
      // A customer's answer is matched on the server: no pattern that can take exponential time.
      .refine((p) => !NESTED_REPETITION.test(p), { message: 'Nested repetition such as (a+)+ is not allowed' })
      .optional(),
  })
  .superRefine((field, ctx) => {
    const choice = field.type === 'choice' || field.type === 'multi_choice';
    if (choice && !field.options?.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'A choice needs options' });
    if (!choice && field.options) ctx.addIssue({ code: 'custom', path: ['options'], message: 'Only choices have options' });
    if (field.options && new Set(field.options.map((o) => o.value)).size !== field.options.length)
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'Two options share a value' });
    if (field.pattern !== undefined && field.type !== 'text' && field.type !== 'textarea')
      ctx.addIssue({ code: 'custom', path: ['pattern'], message: 'Only text fields have a pattern' });
    const bounded = field.type === 'number' || field.type === 'text' || field.type === 'textarea' || field.type === 'multi_choice';
    if (!bounded && (field.min !== undefined || field.max !== undefined))
      ctx.addIssue({ code: 'custom', path: ['min'], message: 'This kind of field takes no bounds' });
    if (field.min !== undefined && field.max !== undefined && field.min > field.max)
      ctx.addIssue({ code: 'custom', path: ['max'], message: 'max is below min' });
  });
export type CatalogueField = z.infer<typeof catalogueFieldSchema>;

export const catalogueFormSchema = z
  .strictObject({ fields: z.array(catalogueFieldSchema).max(50) })
  .refine((f) => new Set(f.fields.map((x) => x.key)).size === f.fields.length, { message: 'Two fields share a key', path: ['fields'] });
export type CatalogueForm = z.infer<typeof catalogueFormSchema>;

/** Who approves a request for the item before it is fulfilled. */
export const catalogueApprovalSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('none') }),
  z.strictObject({ kind: z.literal('manager') }),
  z.strictObject({ kind: z.literal('service_owner') }),
  z.strictObject({ kind: z.literal('group'), groupId: z.number().int().positive() }),
]);
export type CatalogueApproval = z.infer<typeof catalogueApprovalSchema>;

export const catalogueItemSchema = z.object({
  id: z.number().int(),
  serviceId: z.number().int(),
  serviceName: z.string(),
  offeringId: z.number().int().nullable(),
  name: z.string(),
  description: z.string(),
  category: z.string().nullable(),
  active: z.boolean(),
  form: catalogueFormSchema,
  fulfilmentGroupId: z.number().int().nullable(),
  approval: catalogueApprovalSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type CatalogueItem = z.infer<typeof catalogueItemSchema>;

const itemFields = {
  serviceId: z.number().int().positive(),
  offeringId: z.number().int().positive().nullable(),
  name: text(LIMITS.name),
  description: optionalText(),
  category: text(100).nullable(),
  active: z.boolean(),
  form: catalogueFormSchema,
  fulfilmentGroupId: z.number().int().positive().nullable(),
  approval: catalogueApprovalSchema,
};

export const createCatalogueItemSchema = z.strictObject({
  ...itemFields,
  offeringId: itemFields.offeringId.default(null),
  description: itemFields.description.default(''),
  category: itemFields.category.default(null),
  active: itemFields.active.default(true),
  form: itemFields.form.default({ fields: [] }),
  fulfilmentGroupId: itemFields.fulfilmentGroupId.default(null),
  approval: itemFields.approval.default({ kind: 'none' }),
});
export type CreateCatalogueItem = z.infer<typeof createCatalogueItemSchema>;
export const updateCatalogueItemSchema = z.strictObject(itemFields).partial();
export type UpdateCatalogueItem = z.infer<typeof updateCatalogueItemSchema>;

export const listCatalogueItemsQuerySchema = pageQuerySchema.extend({
  sort: sortSchema(['name', 'createdAt']),
  q: z.string().max(LIMITS.search).optional(),
  serviceId: z.coerce.number().int().positive().optional(),
  category: z.string().max(100).optional(),
  active: queryBoolean.optional(),
});
export type ListCatalogueItemsQuery = z.infer<typeof listCatalogueItemsQuerySchema>;

/** Why an answer is refused: a stable code (the web app words it in the reader's language), `limit` for bounds. */
export const FORM_ANSWER_PROBLEMS = [
  'unknown_field',
  'required',
  'expected_text',
  'single_line',
  'too_short',
  'too_long',
  'pattern',
  'expected_number',
  'too_small',
  'too_large',
  'expected_date',
  'expected_boolean',
  'expected_user',
  'not_an_option',
  'expected_options',
  'duplicate_option',
  'too_few_choices',
  'too_many_choices',
] as const;
export type FormAnswerProblem = (typeof FORM_ANSWER_PROBLEMS)[number];

/** One problem with an answer: `path` is `<prefix>.<field key>`, as in problem+json `errors`; `message` is English. */
export type FormAnswerError = { path: string; code: FormAnswerProblem; message: string; limit?: number };

const MESSAGES: Record<FormAnswerProblem, string> = {
  unknown_field: 'The form has no such field',
  required: 'Required',
  expected_text: 'Expected text',
  single_line: 'Expected a single line',
  too_short: 'Too short: at least {limit} characters',
  too_long: 'Too long: at most {limit} characters',
  pattern: 'Does not match the expected format',
  expected_number: 'Expected a number',
  too_small: 'Must be at least {limit}',
  too_large: 'Must be at most {limit}',
  expected_date: 'Expected a date (YYYY-MM-DD)',
  expected_boolean: 'Expected true or false',
  expected_user: 'Expected a user',
  not_an_option: 'Not one of the options',
  expected_options: 'Expected a list of options',
  duplicate_option: 'An option is chosen twice',
  too_few_choices: 'Choose at least {limit}',
  too_many_choices: 'Choose at most {limit}',
};

type Problem = { code: FormAnswerProblem; limit?: number };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
function isRealDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const isEmpty = (value: unknown) =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0);

/** The problem with one non-empty answer, or null. A user answer is a user id; whether it exists is the caller's check. */
function answerProblem(field: CatalogueField, value: unknown): Problem | null {
  const within = (n: number, below: FormAnswerProblem, above: FormAnswerProblem): Problem | null => {
    if (field.min !== undefined && n < field.min) return { code: below, limit: field.min };
    if (field.max !== undefined && n > field.max) return { code: above, limit: field.max };
    return null;
  };
  const option = (v: unknown) => field.options?.some((o) => o.value === v) ?? false;
  switch (field.type) {
    case 'text':
    case 'textarea': {
      if (typeof value !== 'string') return { code: 'expected_text' };
      if (field.type === 'text' && /[\r\n]/.test(value)) return { code: 'single_line' };
      if (value.length > LIMITS.description) return { code: 'too_long', limit: LIMITS.description };
      const length = within([...value].length, 'too_short', 'too_long');
      if (length) return length;
      if (field.pattern && !new RegExp(`^(?:${field.pattern})$`, 'u').test(value)) return { code: 'pattern' };
      return null;
    }
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return { code: 'expected_number' };
      return within(value, 'too_small', 'too_large');
    case 'date':
      return typeof value === 'string' && isRealDate(value) ? null : { code: 'expected_date' };
    case 'boolean':
      return typeof value === 'boolean' ? null : { code: 'expected_boolean' };
    case 'user':
      return typeof value === 'number' && Number.isInteger(value) && value > 0 ? null : { code: 'expected_user' };
    case 'choice':
      return option(value) ? null : { code: 'not_an_option' };
    case 'multi_choice': {
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return { code: 'expected_options' };
      if (new Set(value).size !== value.length) return { code: 'duplicate_option' };
      if (!value.every(option)) return { code: 'not_an_option' };
      return within(value.length, 'too_few_choices', 'too_many_choices');
    }
  }
}

function error(path: string, problem: Problem): FormAnswerError {
  const message = MESSAGES[problem.code].replace('{limit}', String(problem.limit ?? ''));
  return { path, code: problem.code, message, ...(problem.limit !== undefined ? { limit: problem.limit } : {}) };
}

/**
 * Checks a request's answers against a catalogue item's form: every required field answered,
 * every answer of its field's kind and within its bounds, options among the field's own,
 * and no answer to a field the form does not have. Returns one error per field path
 * (`answers.<key>` by default) with a stable `code` and an English `message`, empty when
 * the answers are acceptable. Pure: whether a
 * user answer names an existing, active user is for the caller to check.
 */
export function validateCatalogueForm(form: CatalogueForm, answers: Record<string, unknown>, prefix = 'answers'): FormAnswerError[] {
  const errors: FormAnswerError[] = [];
  const known = new Set(form.fields.map((f) => f.key));
  for (const key of Object.keys(answers)) if (!known.has(key)) errors.push(error(`${prefix}.${key}`, { code: 'unknown_field' }));
  for (const field of form.fields) {
    const value = answers[field.key];
    const path = `${prefix}.${field.key}`;
    if (isEmpty(value)) {
      if (field.required) errors.push(error(path, { code: 'required' }));
      continue;
    }
    const problem = answerProblem(field, value);
    if (problem) errors.push(error(path, problem));
  }
  return errors;
}
