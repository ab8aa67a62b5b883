import { z } from 'zod';
import { isoTimeSchema, text } from './common.js';
import { LIMITS } from './limits.js';
import { pageQuerySchema, sortSchema } from './pagination.js';
import { slaTargetSchema } from './sla.js';

/** SLA: with a customer organisation; OLA: with an internal support group; UC: with a supplier. */
export const AGREEMENT_KINDS = ['sla', 'ola', 'uc'] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];
/** Only an active SLA or OLA runs clocks; an expired one stops applying to new records. */
export const AGREEMENT_STATUSES = ['draft', 'active', 'expired'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** How far ahead of the review date the service owner is reminded. */
export const AGREEMENT_REVIEW_NOTICE_DAYS = 14;

export const agreementSchema = z.object({
  id: z.number().int(),
  kind: z.enum(AGREEMENT_KINDS),
  name: z.string(),
  serviceId: z.number().int(),
  serviceName: z.string(),
  /** The record type whose records the targets apply to. */
  recordType: z.string(),
  organisationId: z.number().int().nullable(),
  groupId: z.number().int().nullable(),
  supplierId: z.number().int().nullable(),
  supplierName: z.string().nullable(),
  supplierRef: z.string().nullable(),
  /** Null: the service's hours. */
  calendarId: z.number().int().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  reviewEveryMonths: z.number().int(),
  nextReviewAt: z.string(),
  lastReviewedAt: z.string().nullable(),
  /** The service owner, who reviews it. */
  ownerId: z.number().int().nullable(),
  status: z.enum(AGREEMENT_STATUSES),
  targets: z.array(slaTargetSchema),
  /** The SLA policy that runs the clocks while the agreement is active. */
  slaPolicyId: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Agreement = z.infer<typeof agreementSchema>;

const agreementFields = {
  kind: z.enum(AGREEMENT_KINDS),
  name: text(LIMITS.name),
  serviceId: z.number().int().positive(),
  recordType: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
  organisationId: z.number().int().positive().nullable(),
  groupId: z.number().int().positive().nullable(),
  supplierName: text(LIMITS.name).nullable(),
  supplierRef: text(100).nullable(),
  calendarId: z.number().int().positive().nullable(),
  validFrom: isoTimeSchema,
  validTo: isoTimeSchema.nullable(),
  reviewEveryMonths: z.number().int().min(1).max(60),
  status: z.enum(AGREEMENT_STATUSES),
  targets: z.array(slaTargetSchema).max(10),
};

const uniqueTargets = (targets: { key: string }[] | undefined) => !targets || new Set(targets.map((t) => t.key)).size === targets.length;
const ordered = (a: { validFrom?: string; validTo?: string | null }) =>
  !a.validFrom || !a.validTo || Date.parse(a.validTo) > Date.parse(a.validFrom);

export const createAgreementSchema = z
  .strictObject({
    ...agreementFields,
    recordType: agreementFields.recordType.default('incident'),
    organisationId: agreementFields.organisationId.default(null),
    groupId: agreementFields.groupId.default(null),
    supplierName: agreementFields.supplierName.default(null),
    supplierRef: agreementFields.supplierRef.default(null),
    calendarId: agreementFields.calendarId.default(null),
    validTo: agreementFields.validTo.default(null),
    reviewEveryMonths: agreementFields.reviewEveryMonths.default(12),
    status: agreementFields.status.default('draft'),
    targets: agreementFields.targets.default([]),
  })
  .superRefine((a, ctx) => {
    if (a.kind === 'sla' && a.organisationId === null)
      ctx.addIssue({ code: 'custom', path: ['organisationId'], message: 'An SLA is made with a customer organisation' });
    if (a.kind === 'ola' && a.groupId === null)
      ctx.addIssue({ code: 'custom', path: ['groupId'], message: 'An OLA is made with an internal group' });
    if (a.kind === 'uc' && a.supplierName === null)
      ctx.addIssue({ code: 'custom', path: ['supplierName'], message: 'An underpinning contract names its supplier' });
    if (!ordered(a)) ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'validTo must be after validFrom' });
    if (!uniqueTargets(a.targets)) ctx.addIssue({ code: 'custom', path: ['targets'], message: 'Two targets share a key' });
  });
export type CreateAgreement = z.infer<typeof createAgreementSchema>;

/** The kind and the service are fixed once made; the rest is checked again against the stored agreement. */
export const updateAgreementSchema = z
  .strictObject(agreementFields)
  .omit({ kind: true, serviceId: true })
  .partial()
  .superRefine((a, ctx) => {
    if (!ordered(a)) ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'validTo must be after validFrom' });
    if (!uniqueTargets(a.targets)) ctx.addIssue({ code: 'custom', path: ['targets'], message: 'Two targets share a key' });
  });
export type UpdateAgreement = z.infer<typeof updateAgreementSchema>;

export const listAgreementsQuerySchema = pageQuerySchema.extend({
  sort: sortSchema(['name', 'nextReviewAt', 'createdAt']),
  q: z.string().max(LIMITS.search).optional(),
  kind: z.enum(AGREEMENT_KINDS).optional(),
  status: z.enum(AGREEMENT_STATUSES).optional(),
  serviceId: z.coerce.number().int().positive().optional(),
});
export type ListAgreementsQuery = z.infer<typeof listAgreementsQuerySchema>;

export const recordAgreementReviewSchema = z.strictObject({ notes: text(LIMITS.description) });
export type RecordAgreementReview = z.infer<typeof recordAgreementReviewSchema>;

export const agreementReviewSchema = z.object({
  id: z.number().int(),
  reviewedBy: z.number().int().nullable(),
  reviewedByName: z.string().nullable(),
  notes: z.string(),
  reviewedAt: z.string(),
  nextReviewAt: z.string(),
});
export type AgreementReview = z.infer<typeof agreementReviewSchema>;

/** The date `months` calendar months after `from` (UTC), the day clamped to the month's last. */
export function addMonths(from: number, months: number): number {
  const d = new Date(from);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  target.setUTCHours(d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
  return target.getTime();
}

/** Whether an agreement's review reminder is due at `now`: within the notice period and not yet sent for this period. */
export function reviewReminderDue(a: { nextReviewAt: number; remindedFor: number | null }, now: number): boolean {
  return a.nextReviewAt - AGREEMENT_REVIEW_NOTICE_DAYS * 86_400_000 <= now && a.remindedFor !== a.nextReviewAt;
}
