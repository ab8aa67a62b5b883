import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { type AssignmentFacts, matchAssignmentRule } from './assignment-match.js';

/**
 * The group (and maybe person) the assignment rules give a new record of this type, or null.
 * One indexed read of the type's active rules; a rule's person who is no longer active
 * staff is skipped, so the record still reaches the group.
 */
export async function assignmentFor(trx: Transaction<Database>, type: string, facts: AssignmentFacts) {
  const rows = await trx
    .selectFrom('assignment_rules')
    .leftJoin('users', (join) =>
      join.onRef('users.id', '=', 'assignment_rules.assignee_id').on('users.active', '=', 1).on('users.kind', '=', 'staff'),
    )
    .select([
      'assignment_rules.id',
      'assignment_rules.category',
      'assignment_rules.service_id',
      'assignment_rules.priority',
      'assignment_rules.group_id',
      'users.id as assignee_id',
    ])
    .where('assignment_rules.record_type', '=', type)
    .where('assignment_rules.active', '=', 1)
    .orderBy('assignment_rules.position')
    .orderBy('assignment_rules.id')
    .execute();
  const rules = rows.map((r) => ({
    id: r.id,
    category: r.category,
    serviceId: r.service_id,
    priority: r.priority,
    groupId: r.group_id,
    assigneeId: r.assignee_id,
  }));
  return matchAssignmentRule(rules, facts);
}
