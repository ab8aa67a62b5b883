import { z } from 'zod';
import { isoTimeSchema, optionalText, text } from './common.js';
import { LIMITS } from './limits.js';
import { recordNumberParamsSchema } from './records.js';

/** any: the first decision decides; all: everyone approves, one rejection rejects; quorum: N approvals. */
export const APPROVAL_MODES = ['any', 'all', 'quorum'] as const;
export type ApprovalMode = (typeof APPROVAL_MODES)[number];

/** waiting: a later sequential level not yet open; pending: open for votes. */
export const APPROVAL_STATES = ['waiting', 'pending', 'approved', 'rejected', 'cancelled'] as const;
export type ApprovalState = (typeof APPROVAL_STATES)[number];

export const approvalVoteSchema = z.object({
  voterId: z.number().int(),
  voterName: z.string(),
  /** Who pressed the button: the voter, or their delegate. */
  castById: z.number().int(),
  castByName: z.string(),
  decision: z.enum(['approve', 'reject']),
  comment: z.string(),
  createdAt: z.string(),
});

export const approvalRequestSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  mode: z.enum(APPROVAL_MODES),
  quorum: z.number().int().nullable(),
  level: z.number().int(),
  state: z.enum(APPROVAL_STATES),
  approvers: z.array(z.object({ kind: z.enum(['user', 'group']), id: z.number().int(), name: z.string() })),
  eligibleCount: z.number().int(),
  votes: z.array(approvalVoteSchema),
  /** Whom the caller may vote as now: themselves and/or the approvers who delegated to them. */
  canVoteAs: z.array(z.number().int()),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type ApprovalRequest = z.infer<typeof approvalRequestSchema>;

export const createApprovalSchema = z
  .strictObject({
    title: text(LIMITS.name),
    mode: z.enum(APPROVAL_MODES),
    quorum: z.number().int().min(1).max(100).optional(),
    /** Sequential approval: level 2 opens when every level-1 request is approved. */
    level: z.number().int().min(1).max(10).default(1),
    userIds: z.array(z.number().int().positive()).max(100).default([]),
    groupIds: z.array(z.number().int().positive()).max(20).default([]),
  })
  .refine((v) => v.userIds.length + v.groupIds.length > 0, { message: 'Name at least one approver', path: ['userIds'] })
  .refine((v) => (v.mode === 'quorum') === (v.quorum !== undefined), { message: 'A quorum goes with mode "quorum"', path: ['quorum'] });
export type CreateApproval = z.infer<typeof createApprovalSchema>;

export const castVoteSchema = z
  .strictObject({
    decision: z.enum(['approve', 'reject']),
    comment: optionalText(4000).default(''),
    /** Vote for an approver who delegated to the caller. */
    onBehalfOf: z.number().int().positive().optional(),
  })
  .refine((v) => v.decision === 'approve' || v.comment.trim().length > 0, { message: 'Say why you reject', path: ['comment'] });
export type CastVote = z.infer<typeof castVoteSchema>;

export const approvalParamsSchema = recordNumberParamsSchema.extend({ approvalId: z.coerce.number().int().positive() });

export const approvalInboxItemSchema = z.object({
  requestId: z.number().int(),
  title: z.string(),
  mode: z.enum(APPROVAL_MODES),
  record: z.object({ type: z.string(), path: z.string(), number: z.string(), title: z.string() }),
  /** Set when the caller sees this as someone's delegate. */
  onBehalfOf: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  createdAt: z.string(),
});
export type ApprovalInboxItem = z.infer<typeof approvalInboxItemSchema>;

export const approvalDelegationSchema = z.object({
  delegateId: z.number().int().nullable(),
  delegateName: z.string().nullable(),
  until: z.string().nullable(),
});
export type ApprovalDelegation = z.infer<typeof approvalDelegationSchema>;

export const setDelegationSchema = z.strictObject({
  /** null ends the delegation. */
  delegateId: z.number().int().positive().nullable(),
  until: isoTimeSchema.nullable().default(null),
});
export type SetDelegation = z.infer<typeof setDelegationSchema>;
