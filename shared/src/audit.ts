import { z } from 'zod';
import { isoTimeSchema } from './common.js';
import { pageQuerySchema } from './pagination.js';

/**
 * The audit event catalogue. Every write names one of these actions; adding a write means
 * adding its action here, so the auditor's filter always lists every kind of event.
 */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.locked',
  'auth.password_changed',
  'token.created',
  'token.revoked',
  'user.created',
  'user.updated',
  'user.profile_updated',
  'user.notification_preferences_updated',
  'organisation.created',
  'organisation.updated',
  'organisation.deleted',
  'group.created',
  'group.updated',
  'group.deleted',
  'role.created',
  'role.updated',
  'role.deleted',
  'audit.exported',
  'audit.verified',
  'system.admin_created',
  'system.demo_loaded',
  'calendar.created',
  'calendar.updated',
  'calendar.deleted',
  'calendar.statutory_year_imported',
  'record.created',
  'record.updated',
  'record.transitioned',
  'record.commented',
  'record.linked',
  'record.unlinked',
  'custom_field.created',
  'custom_field.updated',
  'workflow.updated',
  'workflow.reset',
  'approval.requested',
  'approval.voted',
  'approval.decided',
  'approval.delegated',
  'sla_policy.created',
  'sla_policy.updated',
  'sla.warned',
  'sla.breached',
  'sla.breach_reason_recorded',
  'service_level.report_exported',
  'record.exported',
  'view.created',
  'view.updated',
  'view.deleted',
  'record.attached',
  'record.detached',
  'record.rated',
  'request.submitted',
  'service.created',
  'service.updated',
  'service_offering.created',
  'service_offering.updated',
  'catalogue_item.created',
  'catalogue_item.updated',
  'agreement.created',
  'agreement.updated',
  'agreement.reviewed',
  'agreement.expired',
  'agreement.review_reminded',
  'priority_matrix.updated',
  'setting.updated',
  'assignment_rule.created',
  'assignment_rule.updated',
  'assignment_rule.deleted',
  'record.escalated',
  'incident.major_declared',
  'incident.communicated',
  'incident.reviewed',
  'record.closed_automatically',
  'sla.customer_warned',
  'import.completed',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Field name → [before, after]; absent fields did not change. Secrets are never recorded. */
export const auditChangesSchema = z.record(z.string(), z.tuple([z.unknown(), z.unknown()]));
export type AuditChanges = z.infer<typeof auditChangesSchema>;

export const auditEventSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.number().int().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  objectLabel: z.string().nullable(),
  changes: auditChangesSchema,
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const listAuditQuerySchema = pageQuerySchema.extend({
  action: z.string().max(64).optional(),
  objectType: z.string().max(64).optional(),
  objectId: z.string().max(64).optional(),
  actorId: z.coerce.number().int().positive().optional(),
  from: isoTimeSchema.optional(),
  to: isoTimeSchema.optional(),
});
export type ListAuditQuery = z.infer<typeof listAuditQuerySchema>;

export const auditExportQuerySchema = listAuditQuerySchema
  .omit({ limit: true, cursor: true })
  .extend({ format: z.enum(['csv', 'xlsx']).default('csv') });

export const auditVerifyResultSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBadId: z.number().int().nullable(),
  reason: z.string().nullable(),
});
export type AuditVerifyResult = z.infer<typeof auditVerifyResultSchema>;
