import { z } from 'zod';
import { STATE_CATEGORIES } from './states.js';

const key = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { message: 'Lower-case letters, digits and underscore' });
const label = z.strictObject({ 'zh-CN': z.string().min(1).max(100), en: z.string().min(1).max(100) });

/** Fields a transition can require to be filled before it is allowed. */
export const REQUIRABLE_FIELDS = ['assigneeId', 'groupId', 'category', 'impact', 'urgency'] as const;

/**
 * Conditions a transition can demand, checked by the engine: every approval on the record
 * granted; every child record (tasks, child incidents) finished.
 */
export const WORKFLOW_GUARDS = ['approvals_granted', 'children_done', 'review_recorded'] as const;
export type WorkflowGuard = (typeof WORKFLOW_GUARDS)[number];

/**
 * What the engine does after a transition, in the same transaction: resolve or cancel the
 * open children (mass outage, cancelled change), open a review task under the record.
 * They always run in this order, so a review task opened by the same action is never settled with the others.
 */
export const WORKFLOW_EFFECTS = ['resolve_children', 'cancel_children', 'open_review_task'] as const;
export type WorkflowEffect = (typeof WORKFLOW_EFFECTS)[number];

export const workflowSchema = z.strictObject({
  initial: key,
  states: z
    .array(z.strictObject({ key, category: z.enum(STATE_CATEGORIES), label }))
    .min(2)
    .max(50),
  transitions: z
    .array(
      z.strictObject({
        /** The action's name, as the API and the buttons use it: "start", "resolve". */
        key,
        from: z.array(key).min(1).max(50),
        to: key,
        /** Roles allowed to take it; empty means anyone who may edit the record. */
        roles: z.array(z.string().max(64)).max(20).default([]),
        requires: z.array(z.enum(REQUIRABLE_FIELDS)).max(10).default([]),
        guards: z.array(z.enum(WORKFLOW_GUARDS)).max(WORKFLOW_GUARDS.length).default([]),
        effects: z.array(z.enum(WORKFLOW_EFFECTS)).max(WORKFLOW_EFFECTS.length).default([]),
        label,
      }),
    )
    .min(1)
    .max(200),
});
export type Workflow = z.infer<typeof workflowSchema>;
/** A workflow as written in code or sent by an admin: defaults (roles, requires, guards, effects) may be left out. */
export type WorkflowInput = z.input<typeof workflowSchema>;

/** What the workflow editor reads and saves: the type's current workflow, whether it is the shipped one, and its version. */
export const workflowDocumentSchema = z.object({
  recordType: z.string(),
  workflow: workflowSchema,
  isDefault: z.boolean(),
  version: z.number().int(),
});
export type WorkflowDocument = z.infer<typeof workflowDocumentSchema>;

export const saveWorkflowSchema = z.strictObject({ workflow: workflowSchema });

export const transitionRequestSchema = z.strictObject({ action: key });

/** A type's shipped workflow, written with defaults left out and checked when the module loads. */
export function defineWorkflow(input: WorkflowInput): Workflow {
  return workflowSchema.parse(input);
}
