import { z } from 'zod';
import { dateKeySchema } from './calendar.js';
import { idSchema, optionalText, text } from './common.js';
import { LIMITS } from './limits.js';
import { recordNumberParamsSchema } from './records.js';

/**
 * Service level reporting (P-3.1): attainment per target over a period, the breaches with their
 * recorded reasons, and the trend per week or month. The period is a range of local dates in the
 * caller's time zone, both ends included.
 */
export const SERVICE_LEVEL_BUCKETS = ['week', 'month'] as const;
export type ServiceLevelBucket = (typeof SERVICE_LEVEL_BUCKETS)[number];

/** At most two years (the longest a weekly trend is worth drawing: 105 points). */
export const SERVICE_LEVEL_MAX_DAYS = 731;

const dayDiff = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

export const serviceLevelFilterSchema = z.strictObject({
  serviceId: idSchema.optional(),
  agreementId: idSchema.optional(),
  recordType: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/)
    .optional(),
  /** First local date of the period, in the caller's time zone. */
  from: dateKeySchema,
  /** Last local date of the period (included). */
  to: dateKeySchema,
  bucket: z.enum(SERVICE_LEVEL_BUCKETS).default('month'),
});

function checkPeriod(q: { from: string; to: string }, ctx: z.RefinementCtx) {
  const days = dayDiff(q.from, q.to);
  if (days < 0) ctx.addIssue({ code: 'custom', path: ['from'], message: 'The period must start on or before its end' });
  else if (days >= SERVICE_LEVEL_MAX_DAYS)
    ctx.addIssue({ code: 'custom', path: ['to'], message: `A report covers at most ${SERVICE_LEVEL_MAX_DAYS} days` });
}

export const serviceLevelReportQuerySchema = serviceLevelFilterSchema.superRefine(checkPeriod);
export type ServiceLevelReportQuery = z.infer<typeof serviceLevelReportQuerySchema>;

export const serviceLevelBreachesQuerySchema = serviceLevelFilterSchema
  .extend({
    limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
    cursor: z.string().max(LIMITS.cursor).optional(),
  })
  .superRefine(checkPeriod);
export type ServiceLevelBreachesQuery = z.infer<typeof serviceLevelBreachesQuerySchema>;

const bilingual = z.object({ 'zh-CN': z.string(), en: z.string() });

export const serviceLevelTargetSchema = z.object({
  key: z.string(),
  label: bilingual,
  total: z.number().int(),
  met: z.number().int(),
  breached: z.number().int(),
  /** Percent met, one decimal; null when nothing was measured. */
  attainment: z.number().nullable(),
});
export type ServiceLevelTarget = z.infer<typeof serviceLevelTargetSchema>;

export const serviceLevelBucketSchema = z.object({
  /** The bucket's first local date (a Monday or the 1st, or the period's start). */
  start: z.string(),
  /** Its last local date (included). */
  end: z.string(),
  targets: z.array(z.object({ key: z.string(), total: z.number().int(), met: z.number().int(), attainment: z.number().nullable() })),
});
export type ServiceLevelTrendBucket = z.infer<typeof serviceLevelBucketSchema>;

export const serviceLevelBreachSchema = z.object({
  clockId: z.number().int(),
  record: z.object({ type: z.string(), number: z.string(), title: z.string() }),
  target: z.object({ key: z.string(), label: bilingual }),
  dueAt: z.string().nullable(),
  breachedAt: z.string(),
  reason: z.string().nullable(),
  improvement: z.object({ number: z.string(), title: z.string() }).nullable(),
});
export type ServiceLevelBreach = z.infer<typeof serviceLevelBreachSchema>;

export const serviceLevelReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  bucket: z.enum(SERVICE_LEVEL_BUCKETS),
  timeZone: z.string(),
  targets: z.array(serviceLevelTargetSchema),
  trend: z.array(serviceLevelBucketSchema),
  /** The newest breaches; more through `/service-levels/breaches` with `nextCursor`. */
  breaches: z.object({ items: z.array(serviceLevelBreachSchema), nextCursor: z.string().nullable() }),
});
export type ServiceLevelReport = z.infer<typeof serviceLevelReportSchema>;

export const breachReasonSchema = z.strictObject({
  reason: optionalText(2000)
    .transform((v) => v.trim())
    .refine((v) => v.length > 0, { message: 'Give a reason' }),
});
export type BreachReason = z.infer<typeof breachReasonSchema>;

export const breachTargetParamsSchema = recordNumberParamsSchema.extend({
  target: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
});

export const clockIdParamsSchema = z.strictObject({ clockId: idSchema });

export const raiseImprovementSchema = z.strictObject({
  title: text(LIMITS.name).optional(),
  description: optionalText().optional(),
});
export type RaiseImprovement = z.infer<typeof raiseImprovementSchema>;

/** Where an improvement came from (P-4.1: one register every process feeds). */
export const IMPROVEMENT_SOURCES = ['sla_breach', 'outage', 'problem', 'audit', 'complaint', 'survey', 'review', 'other'] as const;
export type ImprovementSource = (typeof IMPROVEMENT_SOURCES)[number];
