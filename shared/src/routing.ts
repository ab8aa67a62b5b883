import { z } from 'zod';

/**
 * Priority and routing of new records (P-6.1): the impact × urgency → priority matrix an
 * administrator edits, and the ordered assignment rules that pick a group.
 */

/** Row = impact 1..3 (1 high), column = urgency 1..3; each cell a priority 1 (critical) … 5 (planning). */
export const priorityMatrixSchema = z.array(z.array(z.number().int().min(1).max(5)).length(3)).length(3);
export type PriorityMatrix = z.infer<typeof priorityMatrixSchema>;

export const priorityMatrixViewSchema = z.object({
  matrix: priorityMatrixSchema,
  version: z.number().int(),
  updatedAt: z.string().nullable(),
});
export type PriorityMatrixView = z.infer<typeof priorityMatrixViewSchema>;

export const putPriorityMatrixSchema = z.strictObject({ matrix: priorityMatrixSchema });
export type PutPriorityMatrix = z.infer<typeof putPriorityMatrixSchema>;

const refId = z.number().int().positive().max(2_147_483_647);

const ruleFields = {
  name: z.string().trim().min(1).max(120),
  recordType: z.string().min(1).max(40),
  /** Conditions: each one given must match; a rule with none matches every record of its type. */
  category: z.string().trim().min(1).max(80).nullable(),
  serviceId: refId.nullable(),
  priority: z.number().int().min(1).max(5).nullable(),
  groupId: refId,
  assigneeId: refId.nullable(),
  /** Lower first; ties go to the older rule. */
  position: z.number().int().min(0).max(100_000),
  active: z.boolean(),
};

export const createAssignmentRuleSchema = z.strictObject({
  ...ruleFields,
  category: ruleFields.category.default(null),
  serviceId: ruleFields.serviceId.default(null),
  priority: ruleFields.priority.default(null),
  assigneeId: ruleFields.assigneeId.default(null),
  position: ruleFields.position.default(100),
  active: ruleFields.active.default(true),
});
export type CreateAssignmentRule = z.infer<typeof createAssignmentRuleSchema>;

export const updateAssignmentRuleSchema = z.strictObject({
  name: ruleFields.name.optional(),
  category: ruleFields.category.optional(),
  serviceId: ruleFields.serviceId.optional(),
  priority: ruleFields.priority.optional(),
  groupId: ruleFields.groupId.optional(),
  assigneeId: ruleFields.assigneeId.optional(),
  position: ruleFields.position.optional(),
  active: ruleFields.active.optional(),
});
export type UpdateAssignmentRule = z.infer<typeof updateAssignmentRuleSchema>;

export const assignmentRuleSchema = z.object({
  id: z.number().int(),
  ...ruleFields,
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type AssignmentRule = z.infer<typeof assignmentRuleSchema>;

export const listAssignmentRulesQuerySchema = z.strictObject({ recordType: z.string().min(1).max(40).optional() });

/** How long a customer has to confirm or reopen a resolved incident before it closes by itself (calendar days). */
export const autoCloseSettingSchema = z.strictObject({ days: z.number().int().min(1).max(30) });
export type AutoCloseSetting = z.infer<typeof autoCloseSettingSchema>;
export const autoCloseSettingViewSchema = z.object({ days: z.number().int(), version: z.number().int() });
export const DEFAULT_AUTO_CLOSE_DAYS = 3;
