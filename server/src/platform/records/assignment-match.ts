/** What an assignment rule looks at and decides, as the matcher sees it (pure: no I/O). */
export type AssignmentRuleCandidate = {
  id: number;
  category: string | null;
  serviceId: number | null;
  priority: number | null;
  groupId: number;
  assigneeId: number | null;
};

export type AssignmentFacts = { category: string | null; serviceId: number | null; priority: number | null };

/**
 * The first rule (in the order given: position, then age) whose every condition matches;
 * a condition left empty matches anything, and a record without a value never matches a
 * rule that asks for one. Categories compare case-insensitively, as people type them.
 */
export function matchAssignmentRule<R extends AssignmentRuleCandidate>(rules: readonly R[], facts: AssignmentFacts): R | null {
  const category = facts.category?.trim().toLowerCase() ?? null;
  for (const rule of rules) {
    if (rule.category !== null && rule.category.trim().toLowerCase() !== category) continue;
    if (rule.serviceId !== null && rule.serviceId !== facts.serviceId) continue;
    if (rule.priority !== null && rule.priority !== facts.priority) continue;
    return rule;
  }
  return null;
}
