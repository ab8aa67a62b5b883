import { z } from 'zod';
import { text } from './common.js';
import { LIMITS } from './limits.js';
import { STATE_CATEGORIES } from './states.js';

const key = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { message: 'Lower-case letters, digits and underscore' });
const bilingual = z.strictObject({ 'zh-CN': text(100), en: text(100) });
const minutes = z.number().int().min(1).max(525_600);

/** Which records a policy covers; an empty list or a missing one matches everything. */
export const slaConditionsSchema = z.strictObject({
  priorities: z.array(z.number().int().min(1).max(5)).max(5).optional(),
  categories: z.array(text(100)).max(50).optional(),
  groupIds: z.array(z.number().int().positive()).max(50).optional(),
  organisationIds: z.array(z.number().int().positive()).max(50).optional(),
  /** The record's service (P-3.1): how an agreement's policy finds its records. */
  serviceIds: z.array(z.number().int().positive()).max(50).optional(),
});
export type SlaConditions = z.infer<typeof slaConditionsSchema>;

/** One measured target, e.g. response or resolution, in business minutes per priority. */
export const slaTargetSchema = z.strictObject({
  key,
  label: bilingual,
  /** The clock stops (the target is met, or missed if already breached) when the record first enters one of these. */
  stopOn: z.array(z.enum(STATE_CATEGORIES)).min(1).max(6),
  /** Minutes by priority ("1" … "5"); a record whose priority has none gets no clock for this target. */
  minutesByPriority: z.partialRecord(z.enum(['1', '2', '3', '4', '5']), minutes),
  /** Minutes for a record without a priority, or with one the map leaves out. */
  defaultMinutes: minutes.nullable().default(null),
});
export type SlaTarget = z.infer<typeof slaTargetSchema>;

/** A policy's fields without defaults: the update schema is these, all optional (zod 4's .partial() would fill in the create defaults). */
const policyFields = {
  name: text(LIMITS.name),
  recordType: key,
  conditions: slaConditionsSchema,
  /** Business hours the clock runs in; null: around the clock. */
  calendarId: z.number().int().positive().nullable(),
  targets: z.array(slaTargetSchema).min(1).max(10),
  /** The clock pauses while the record sits in these categories (e.g. waiting for the customer). */
  pauseOn: z.array(z.enum(STATE_CATEGORIES)).max(6),
  /** Warnings at these percentages of the target, each raised once. */
  warnAt: z.array(z.number().int().min(1).max(99)).max(5),
  /** Policies are tried in this order; the first whose conditions match applies. */
  position: z.number().int().min(0).max(10_000),
  active: z.boolean(),
};

const uniqueTargets = (targets: { key: string }[] | undefined) => !targets || new Set(targets.map((t) => t.key)).size === targets.length;

export const createSlaPolicySchema = z
  .strictObject({
    ...policyFields,
    conditions: policyFields.conditions.default({}),
    calendarId: policyFields.calendarId.default(null),
    pauseOn: policyFields.pauseOn.default(['pending']),
    warnAt: policyFields.warnAt.default([75, 90]),
    position: policyFields.position.default(100),
    active: policyFields.active.default(true),
  })
  .refine((p) => uniqueTargets(p.targets), { message: 'Two targets share a key', path: ['targets'] });
export type CreateSlaPolicy = z.infer<typeof createSlaPolicySchema>;

export const updateSlaPolicySchema = z
  .strictObject(policyFields)
  .omit({ recordType: true })
  .partial()
  .refine((p) => uniqueTargets(p.targets), { message: 'Two targets share a key', path: ['targets'] });
export type UpdateSlaPolicy = z.infer<typeof updateSlaPolicySchema>;

export const slaPolicySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  recordType: z.string(),
  conditions: slaConditionsSchema,
  calendarId: z.number().int().nullable(),
  targets: z.array(slaTargetSchema),
  pauseOn: z.array(z.enum(STATE_CATEGORIES)),
  warnAt: z.array(z.number().int()),
  position: z.number().int(),
  active: z.boolean(),
  version: z.number().int(),
});
export type SlaPolicy = z.infer<typeof slaPolicySchema>;

/** A policy as the administration shows it: `used` is false until some record has matched it (a policy matching nothing is allowed, and shown as unused). */
export const slaPolicyViewSchema = slaPolicySchema.extend({ used: z.boolean() });
export type SlaPolicyView = z.infer<typeof slaPolicyViewSchema>;

export const SLA_CLOCK_STATES = ['running', 'paused', 'stopped', 'cancelled'] as const;

/** A record's clock for one target, as the badge shows it. */
export const slaClockSchema = z.object({
  /** The clock's id: a breach is raised as an improvement by it. */
  id: z.number().int(),
  target: z.string(),
  label: z.object({ 'zh-CN': z.string(), en: z.string() }),
  state: z.enum(SLA_CLOCK_STATES),
  targetMinutes: z.number().int(),
  /** While running: when the target falls due (wall time), for a live countdown. */
  dueAt: z.string().nullable(),
  /** Business minutes used before the current running stretch (all of them once paused or stopped). */
  elapsedMinutes: z.number().int(),
  breached: z.boolean(),
  breachedAt: z.string().nullable(),
  /** The highest warning threshold raised so far (0: none). */
  warnedPercent: z.number().int(),
  startedAt: z.string(),
  stoppedAt: z.string().nullable(),
  /** Why a breached target was missed, as recorded by the service desk. */
  breachReason: z.string().nullable(),
  breachReasonAt: z.string().nullable(),
});
export type SlaClock = z.infer<typeof slaClockSchema>;
