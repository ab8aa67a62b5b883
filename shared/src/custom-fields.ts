import { z } from 'zod';
import { hasControlCharacters, text } from './common.js';

/**
 * Admin-defined fields on a record type. Bounded on purpose: a handful of kinds, each
 * validated on write and stored typed, so a filter on an indexed one uses an index.
 */
export const CUSTOM_FIELD_KINDS = ['text', 'number', 'date', 'choice', 'user', 'reference'] as const;
export type CustomFieldKind = (typeof CUSTOM_FIELD_KINDS)[number];

/** At most this many active custom fields per type: a form stays a form. */
export const MAX_CUSTOM_FIELDS_PER_TYPE = 50;

const fieldKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { message: 'Lower-case letters, digits and underscore' });
const bilingual = z.strictObject({ 'zh-CN': text(100), en: text(100) });

export const customFieldChoiceSchema = z.strictObject({ key: fieldKey, label: bilingual });

export const customFieldOptionsSchema = z.strictObject({
  /** text: the longest value accepted. */
  maxLength: z.number().int().min(1).max(4000).optional(),
  /** number: the accepted range. */
  min: z.number().optional(),
  max: z.number().optional(),
  /** choice: the allowed values. */
  choices: z.array(customFieldChoiceSchema).min(1).max(100).optional(),
  /** reference: the record type a value points at (its key, e.g. "task"). */
  recordType: fieldKey.optional(),
});
export type CustomFieldOptions = z.infer<typeof customFieldOptionsSchema>;

export const customFieldSchema = z.object({
  id: z.number().int(),
  recordType: z.string(),
  key: z.string(),
  label: z.object({ 'zh-CN': z.string(), en: z.string() }),
  kind: z.enum(CUSTOM_FIELD_KINDS),
  options: customFieldOptionsSchema,
  required: z.boolean(),
  /** Indexed fields can be filtered on in lists. */
  indexed: z.boolean(),
  active: z.boolean(),
  position: z.number().int(),
  version: z.number().int(),
});
export type CustomField = z.infer<typeof customFieldSchema>;

export const createCustomFieldSchema = z.strictObject({
  recordType: fieldKey,
  key: fieldKey,
  label: bilingual,
  kind: z.enum(CUSTOM_FIELD_KINDS),
  options: customFieldOptionsSchema.default({}),
  required: z.boolean().default(false),
  indexed: z.boolean().default(false),
  position: z.number().int().min(0).max(1000).default(0),
});
export type CreateCustomField = z.infer<typeof createCustomFieldSchema>;

/** Key, type and kind never change: stored values keep their meaning. */
export const updateCustomFieldSchema = z
  .strictObject({
    label: bilingual,
    options: customFieldOptionsSchema,
    required: z.boolean(),
    indexed: z.boolean(),
    active: z.boolean(),
    position: z.number().int().min(0).max(1000),
  })
  .partial();
export type UpdateCustomField = z.infer<typeof updateCustomFieldSchema>;

export const customFieldsQuerySchema = z.strictObject({ recordType: fieldKey.optional() });

/**
 * Values as they travel: text, number, date (YYYY-MM-DD), choice key, user id, or a
 * record number for a reference; null clears. Checked against the definitions on write.
 */
export const customValueSchema = z.union([
  z
    .string()
    .max(4000)
    .refine((v) => !hasControlCharacters(v), { message: 'Control characters are not allowed' }),
  z.number().finite(),
  z.null(),
]);
export const customValuesSchema = z.record(fieldKey, customValueSchema).refine((v) => Object.keys(v).length <= 100, {
  message: 'Too many custom fields',
});
export type CustomValues = z.infer<typeof customValuesSchema>;

/** A type's form beyond the base fields: its own typed fields and its active custom fields. */
export const recordFieldsSchema = z.object({
  extension: z.array(z.object({ key: z.string(), kind: z.enum(['text', 'number', 'time', 'boolean']), required: z.boolean() })),
  custom: z.array(customFieldSchema),
});
export type RecordFields = z.infer<typeof recordFieldsSchema>;
