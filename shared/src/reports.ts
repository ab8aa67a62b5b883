import { z } from 'zod';
import { isoTimeSchema } from './common.js';

/** `GET /api/v1/reports/<type path>/summary?from=&to=`: records opened in [from, to). */
export const recordSummaryQuerySchema = z.strictObject({ from: isoTimeSchema.optional(), to: isoTimeSchema.optional() });
export type RecordSummaryQuery = z.infer<typeof recordSummaryQuerySchema>;

const outcomeSchema = z.object({ measured: z.number().int(), met: z.number().int() });

/**
 * Process figures computed from the records and their history, imported or native: time to
 * resolve by priority, reassignments, reopens and SLA attainment (the source's own outcome
 * for imported records, Keel's clocks for native ones).
 */
export const recordSummarySchema = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  records: z.number().int(),
  resolution: z.array(
    z.object({ priority: z.number().int().nullable(), resolved: z.number().int(), meanHours: z.number(), medianHours: z.number() }),
  ),
  reassignments: z.object({
    mean: z.number(),
    distribution: z.array(z.object({ reassignments: z.number().int(), records: z.number().int() })),
  }),
  reopens: z.object({ reopened: z.number().int(), rate: z.number() }),
  sla: z.object({
    measured: z.number().int(),
    met: z.number().int(),
    rate: z.number().nullable(),
    imported: outcomeSchema,
    native: outcomeSchema,
  }),
});
export type RecordSummary = z.infer<typeof recordSummarySchema>;
