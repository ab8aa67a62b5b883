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

/** How the backlog trend is cut: days (up to 92) or weeks (up to 104), from `from`, a start of day in the caller's zone. */
export const BACKLOG_BUCKETS = ['day', 'week'] as const;
export const backlogQuerySchema = z
  .strictObject({ from: isoTimeSchema, to: isoTimeSchema, bucket: z.enum(BACKLOG_BUCKETS).default('day') })
  .superRefine((q, ctx) => {
    const span = Date.parse(q.to) - Date.parse(q.from);
    if (span <= 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Must be after from' });
    const buckets = Math.ceil(span / (q.bucket === 'day' ? 86_400_000 : 7 * 86_400_000));
    if (buckets > (q.bucket === 'day' ? 92 : 104)) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Too many buckets' });
  });
export type BacklogQuery = z.infer<typeof backlogQuerySchema>;

/**
 * `GET /api/v1/reports/<type path>/backlog`: what is open now (by priority and by service)
 * and, per bucket, how many were open at its end, opened in it and resolved in it.
 */
export const backlogSchema = z.object({
  open: z.object({
    total: z.number().int(),
    byPriority: z.array(z.object({ priority: z.number().int().nullable(), count: z.number().int() })),
    byService: z.array(z.object({ serviceId: z.number().int().nullable(), serviceName: z.string().nullable(), count: z.number().int() })),
  }),
  trend: z.array(
    z.object({ start: z.string(), end: z.string(), open: z.number().int(), opened: z.number().int(), resolved: z.number().int() }),
  ),
});
export type Backlog = z.infer<typeof backlogSchema>;
