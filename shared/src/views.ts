import { z } from 'zod';
import { text } from './common.js';
import { RECORD_COLUMNS, recordTypeKeySchema } from './lists.js';

/** A view's list parameters exactly as the list takes them in its query string (filters, `q`, `sort`). */
export const viewParamsSchema = z
  .record(z.string().max(64), z.string().max(4000))
  .refine((params) => Object.keys(params).length <= 60, { message: 'At most 60 parameters' })
  .refine((params) => !('limit' in params || 'cursor' in params), { message: 'A view holds no paging parameters' });

const viewName = text(100);

export const savedViewSchema = z.object({
  id: z.number().int(),
  type: z.string(),
  name: z.string(),
  shared: z.boolean(),
  ownerId: z.number().int(),
  ownerName: z.string(),
  params: z.record(z.string(), z.string()),
  columns: z.array(z.enum(RECORD_COLUMNS)),
  /** Whether the caller may change or delete it (the owner, or a holder of views.manage for a shared one). */
  editable: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type SavedView = z.infer<typeof savedViewSchema>;

const viewColumnsSchema = z.array(z.enum(RECORD_COLUMNS)).min(1).max(RECORD_COLUMNS.length);

export const createSavedViewSchema = z.strictObject({
  type: recordTypeKeySchema,
  name: viewName,
  shared: z.boolean().default(false),
  params: viewParamsSchema.default({}),
  columns: viewColumnsSchema.optional(),
});
export type CreateSavedView = z.infer<typeof createSavedViewSchema>;

// Written out, not derived with .partial(): zod 4 would apply the create defaults to an absent field and un-share a view.
export const updateSavedViewSchema = z.strictObject({
  name: viewName.optional(),
  shared: z.boolean().optional(),
  params: viewParamsSchema.optional(),
  columns: viewColumnsSchema.optional(),
});
export type UpdateSavedView = z.infer<typeof updateSavedViewSchema>;

export const savedViewsQuerySchema = z.strictObject({ type: recordTypeKeySchema });
