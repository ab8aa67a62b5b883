import { z } from 'zod';

/**
 * Catalogue item forms (P-6.1 service requests): an administrator defines typed fields, and
 * the same pure validator checks the answers in the browser (as the customer types) and on
 * the server (when the request is raised). MERGE NOTE: the service catalogue branch defines
 * the same contract; keep one copy.
 */
export const CATALOGUE_FIELD_TYPES = ['text', 'textarea', 'number', 'date', 'choice', 'multi-choice', 'user', 'boolean'] as const;
export type CatalogueFieldType = (typeof CATALOGUE_FIELD_TYPES)[number];

/** A repeated group that itself repeats: `(a+)+`, `(\w*)*`, `(a|b+){2,}` — the shapes behind catastrophic backtracking. */
const NESTED_REPETITION = /\([^)]*[+*}][^)]*\)\s*[+*{]/;

const bilingual = z.strictObject({ 'zh-CN': z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) });
const fieldKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { message: 'Lower-case letters, digits and underscore' });

export const catalogueFieldSchema = z
  .strictObject({
    key: fieldKey,
    label: bilingual,
    type: z.enum(CATALOGUE_FIELD_TYPES),
    required: z.boolean().default(false),
    /** Choices (choice, multi-choice): a stored value and its labels. */
    options: z
      .array(z.strictObject({ value: z.string().trim().min(1).max(100), label: bilingual }))
      .max(100)
      .optional(),
    /** number: smallest and largest value; text/textarea: shortest and longest length; multi-choice: fewest and most picks. */
    min: z.number().optional(),
    max: z.number().optional(),
    /** text: a regular expression the whole answer must match (no nested repetition, which can take exponential time). */
    pattern: z
      .string()
      .max(200)
      .refine((p) => !NESTED_REPETITION.test(p), { message: 'Nested repetition such as (a+)+ is not allowed' })
      .refine(
        (p) => {
          try {
            new RegExp(p, 'u');
            return true;
          } catch {
            return false;
          }
        },
        { message: 'Not a valid regular expression' },
      )
      .optional(),
  })
  .superRefine((field, ctx) => {
    const choices = field.type === 'choice' || field.type === 'multi-choice';
    if (choices && (!field.options || field.options.length === 0)) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'A choice field needs options' });
    }
    if (!choices && field.options) ctx.addIssue({ code: 'custom', path: ['options'], message: 'Only choice fields take options' });
    if (field.options && new Set(field.options.map((o) => o.value)).size !== field.options.length) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'Option values must be unique' });
    }
    if (field.min !== undefined && field.max !== undefined && field.min > field.max) {
      ctx.addIssue({ code: 'custom', path: ['min'], message: 'min is larger than max' });
    }
    if (field.pattern !== undefined && field.type !== 'text') {
      ctx.addIssue({ code: 'custom', path: ['pattern'], message: 'Only text fields take a pattern' });
    }
  });
export type CatalogueField = z.infer<typeof catalogueFieldSchema>;

export const catalogueFormSchema = z.strictObject({ fields: z.array(catalogueFieldSchema).max(50) }).superRefine((form, ctx) => {
  const seen = new Set<string>();
  form.fields.forEach((f, i) => {
    if (seen.has(f.key)) ctx.addIssue({ code: 'custom', path: ['fields', i, 'key'], message: 'Duplicate key' });
    seen.add(f.key);
  });
});
export type CatalogueForm = z.infer<typeof catalogueFormSchema>;

/** Who approves a request for an item before it is fulfilled. */
export const APPROVAL_POLICY_KINDS = ['none', 'manager', 'service_owner', 'group'] as const;
export const approvalPolicySchema = z
  .strictObject({ kind: z.enum(APPROVAL_POLICY_KINDS), groupId: z.number().int().positive().optional() })
  .refine((p) => p.kind !== 'group' || p.groupId !== undefined, { message: 'A group approval names the group', path: ['groupId'] });
export type ApprovalPolicy = z.infer<typeof approvalPolicySchema>;

/** Answers as sent: field key → value (text, number, boolean, a list of choices, a user id). */
export const catalogueAnswersSchema = z.record(z.string().max(40), z.unknown());
export type CatalogueAnswers = z.infer<typeof catalogueAnswersSchema>;

export type AnswerValue = string | number | boolean | string[];
/** What each failing field is told: a stable code (the browser words it) and an English message. */
export type FormError = { path: string; code: FormErrorCode; message: string };
export type FormErrorCode = 'required' | 'type' | 'min' | 'max' | 'pattern' | 'option' | 'date' | 'unknown';

const MESSAGES: Record<FormErrorCode, string> = {
  required: 'Required',
  type: 'Wrong kind of value',
  min: 'Too small or too short',
  max: 'Too large or too long',
  pattern: 'Does not match the expected format',
  option: 'Not one of the options',
  date: 'Not a real date (YYYY-MM-DD)',
  unknown: 'No such field on this form',
};

function isRealDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const empty = (v: unknown) =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

/** One field's answer: the clean value, or the reason it is refused. */
function checkField(field: CatalogueField, raw: unknown): { value: AnswerValue } | { code: FormErrorCode } {
  switch (field.type) {
    case 'text':
    case 'textarea': {
      if (typeof raw !== 'string') return { code: 'type' };
      const value = raw.trim();
      const max = field.max ?? (field.type === 'text' ? 200 : 4000);
      if (field.min !== undefined && value.length < field.min) return { code: 'min' };
      if (value.length > max) return { code: 'max' };
      if (field.pattern !== undefined && !new RegExp(`^(?:${field.pattern})$`, 'u').test(value)) return { code: 'pattern' };
      return { value };
    }
    case 'number': {
      if (typeof raw !== 'number' || !Number.isFinite(raw)) return { code: 'type' };
      if (field.min !== undefined && raw < field.min) return { code: 'min' };
      if (field.max !== undefined && raw > field.max) return { code: 'max' };
      return { value: raw };
    }
    case 'date':
      if (typeof raw !== 'string') return { code: 'type' };
      return isRealDate(raw) ? { value: raw } : { code: 'date' };
    case 'boolean':
      return typeof raw === 'boolean' ? { value: raw } : { code: 'type' };
    case 'user':
      return typeof raw === 'number' && Number.isInteger(raw) && raw > 0 ? { value: raw } : { code: 'type' };
    case 'choice': {
      if (typeof raw !== 'string') return { code: 'type' };
      return field.options?.some((o) => o.value === raw) ? { value: raw } : { code: 'option' };
    }
    case 'multi-choice': {
      if (!Array.isArray(raw) || raw.some((v) => typeof v !== 'string')) return { code: 'type' };
      const picked = [...new Set(raw as string[])];
      if (picked.some((v) => !field.options?.some((o) => o.value === v))) return { code: 'option' };
      if (field.min !== undefined && picked.length < field.min) return { code: 'min' };
      if (field.max !== undefined && picked.length > field.max) return { code: 'max' };
      return { value: picked };
    }
  }
}

/**
 * Checks answers against a form: every failing field is named (`answers.<key>`), unknown
 * keys included; an empty optional answer is left out. On success, the clean values in the
 * form's order (trimmed text, de-duplicated picks).
 */
export function validateCatalogueForm(
  definition: CatalogueForm,
  answers: Record<string, unknown>,
): { ok: true; values: Record<string, AnswerValue> } | { ok: false; errors: FormError[] } {
  const errors: FormError[] = [];
  const values: Record<string, AnswerValue> = {};
  const fail = (key: string, code: FormErrorCode) => errors.push({ path: `answers.${key}`, code, message: MESSAGES[code] });
  for (const field of definition.fields) {
    const raw = answers[field.key];
    if (empty(raw)) {
      if (field.required) fail(field.key, 'required');
      continue;
    }
    const checked = checkField(field, raw);
    if ('code' in checked) fail(field.key, checked.code);
    else values[field.key] = checked.value;
  }
  const known = new Set(definition.fields.map((f) => f.key));
  for (const key of Object.keys(answers)) if (!known.has(key)) fail(key, 'unknown');
  return errors.length > 0 ? { ok: false, errors } : { ok: true, values };
}
