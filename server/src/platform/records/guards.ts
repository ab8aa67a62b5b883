import type { WorkflowGuard } from '@keel/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { FINISHED } from './children.js';

/** Each guard as one indexed query; true when the condition holds. */
const CHECKS: Record<WorkflowGuard, (db: Kysely<Database>, recordId: number) => Promise<boolean>> = {
  // At least one approval was asked for, and every request not withdrawn is approved.
  approvals_granted: async (db, recordId) => {
    const rows = await db
      .selectFrom('approval_requests')
      .select('state')
      .where('record_id', '=', recordId)
      .where('state', '!=', 'cancelled')
      .execute();
    return rows.length > 0 && rows.every((r) => r.state === 'approved');
  },
  children_done: async (db, recordId) => {
    const open = await db
      .selectFrom('records')
      .select('id')
      .where('parent_id', '=', recordId)
      .where('state_category', 'not in', [...FINISHED])
      .executeTakeFirst();
    return open === undefined;
  },
  // A major incident closes only after its post-incident review (P-6.1); any other record passes.
  review_recorded: async (db, recordId) => {
    const row = await db
      .selectFrom('incident_ext')
      .leftJoin('incident_reviews', 'incident_reviews.record_id', 'incident_ext.record_id')
      .select(['incident_ext.major', 'incident_reviews.record_id as reviewed'])
      .where('incident_ext.record_id', '=', recordId)
      .executeTakeFirst();
    return row?.major !== 1 || row.reviewed !== null;
  },
};

/** The guards of a transition that do not hold now. */
export async function unmetGuards(db: Kysely<Database>, recordId: number, guards: readonly WorkflowGuard[]): Promise<WorkflowGuard[]> {
  const unmet: WorkflowGuard[] = [];
  for (const guard of guards) if (!(await CHECKS[guard](db, recordId))) unmet.push(guard);
  return unmet;
}
