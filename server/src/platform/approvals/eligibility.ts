import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/** Active people entitled to vote on a request: named users plus the members of named groups (a CAB). */
export async function eligibleVoters(db: Kysely<Database>, requestId: number): Promise<Set<number>> {
  const direct = db
    .selectFrom('approval_approvers as a')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .select('u.id')
    .where('a.request_id', '=', requestId)
    .where('u.active', '=', 1);
  const members = db
    .selectFrom('approval_approvers as a')
    .innerJoin('group_members as m', 'm.group_id', 'a.group_id')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select('u.id')
    .where('a.request_id', '=', requestId)
    .where('u.active', '=', 1);
  const rows = await direct.union(members).execute();
  return new Set(rows.map((r) => r.id));
}

/** The caller and everyone whose approvals the caller currently holds by delegation. */
export async function votingIdentities(db: Kysely<Database>, userId: number, now = Date.now()): Promise<number[]> {
  const rows = await db
    .selectFrom('approval_delegations')
    .select('user_id')
    .where('delegate_id', '=', userId)
    .where((eb) => eb.or([eb('until', 'is', null), eb('until', '>', now)]))
    .execute();
  return [userId, ...rows.map((r) => r.user_id)];
}
