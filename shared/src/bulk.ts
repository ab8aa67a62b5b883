import { z } from 'zod';
import { text } from './common.js';
import { LIMITS } from './limits.js';
import { recordNumberParamsSchema } from './records.js';

// One change applied to many records: `POST /api/v1/<path>/bulk`, with a result per record.

const recordNumber = recordNumberParamsSchema.shape.number;

/** Fields a bulk update may set: the ones a queue is triaged by. */
export const bulkPatchSchema = z.strictObject({
  assigneeId: z.number().int().positive().nullable().optional(),
  groupId: z.number().int().positive().nullable().optional(),
  category: text(100).nullable().optional(),
  impact: z.number().int().min(1).max(3).nullable().optional(),
  urgency: z.number().int().min(1).max(3).nullable().optional(),
});

export const bulkUpdateRequestSchema = z
  .strictObject({
    numbers: z
      .array(recordNumber)
      .min(1)
      .max(LIMITS.bulkMax)
      .refine((numbers) => new Set(numbers).size === numbers.length, { message: 'Each number once' }),
    /** The version each record had when the caller saw it (If-Match per row); a changed one fails as stale. */
    versions: z.record(recordNumber, z.number().int().positive()).optional(),
    patch: bulkPatchSchema.optional(),
    /** A workflow action taken after the patch, in the same row transaction. */
    action: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,39}$/)
      .optional(),
  })
  .refine((body) => body.action !== undefined || Object.keys(body.patch ?? {}).length > 0, {
    message: 'Give a patch, an action or both',
    path: ['patch'],
  });
export type BulkUpdateRequest = z.infer<typeof bulkUpdateRequestSchema>;

export const bulkRowErrorSchema = z.object({
  code: z.string(),
  detail: z.string().optional(),
  allowed: z.array(z.string()).optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

export const bulkRowResultSchema = z.object({
  number: z.string(),
  ok: z.boolean(),
  /** The record's version after the change (ok rows). */
  version: z.number().int().optional(),
  error: bulkRowErrorSchema.optional(),
});
export type BulkRowResult = z.infer<typeof bulkRowResultSchema>;

export const bulkUpdateResultSchema = z.object({ results: z.array(bulkRowResultSchema) });
export type BulkUpdateResult = z.infer<typeof bulkUpdateResultSchema>;
