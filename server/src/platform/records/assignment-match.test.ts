import { describe, expect, it } from 'vitest';
import { type AssignmentRuleCandidate, matchAssignmentRule } from './assignment-match.js';

const rule = (id: number, conditions: Partial<AssignmentRuleCandidate>): AssignmentRuleCandidate => ({
  id,
  category: null,
  serviceId: null,
  priority: null,
  groupId: id * 10,
  assigneeId: null,
  ...conditions,
});

describe('assignment rule matching', () => {
  const rules = [
    rule(1, { category: 'Network', priority: 1 }),
    rule(2, { category: 'network' }),
    rule(3, { serviceId: 7 }),
    rule(4, { serviceId: 7, category: 'email' }),
    rule(5, {}),
  ];

  it('takes the first rule whose every condition matches', () => {
    expect(matchAssignmentRule(rules, { category: 'network', serviceId: null, priority: 1 })?.id).toBe(1);
    expect(matchAssignmentRule(rules, { category: 'network', serviceId: null, priority: 2 })?.id).toBe(2);
    // Rule 3 comes before the more specific rule 4: order, not specificity, decides.
    expect(matchAssignmentRule(rules, { category: 'email', serviceId: 7, priority: 3 })?.id).toBe(3);
  });

  it('compares categories without regard to case or surrounding spaces', () => {
    expect(matchAssignmentRule(rules, { category: ' NETWORK ', serviceId: null, priority: null })?.id).toBe(2);
  });

  it('never matches a condition the record has no value for, and falls through to a catch-all', () => {
    expect(matchAssignmentRule(rules, { category: null, serviceId: null, priority: 1 })?.id).toBe(5);
    expect(matchAssignmentRule(rules.slice(0, 4), { category: null, serviceId: null, priority: null })).toBeNull();
  });

  it('matches nothing when there are no rules', () => {
    expect(matchAssignmentRule([], { category: 'network', serviceId: 1, priority: 1 })).toBeNull();
  });
});
