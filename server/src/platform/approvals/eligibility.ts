import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/** Active people entitled to vote on each request: named users plus the members of named groups (a CAB). One query for all. */
export async function eligibleVotersOf(db: Kysely<Database>, requestIds: readonly number[]): Promise<Map<number, Set<number>>> {
  const result = new Map<number, Set<number>>(requestIds.map((id) => [id, new Set<number>()]));
  if (requestIds.length === 0) return result;
  const ids = [...requestIds];
  const direct = db
    .selectFrom('approval_approvers as a')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .select(['a.request_id', 'u.id'])
    .where('a.request_id', 'in', ids)
    .where('u.active', '=', 1);
  const members = db
    .selectFrom('approval_approvers as a')
    .innerJoin('group_members as m', 'm.group_id', 'a.group_id')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['a.request_id', 'u.id'])
    .where('a.request_id', 'in', ids)
    .where('u.active', '=', 1);
  for (const row of await direct.union(members).execute()) result.get(row.request_id)?.add(row.id);
  return result;
}

export async function eligibleVoters(db: Kysely<Database>, requestId: number): Promise<Set<number>> {
  return (await eligibleVotersOf(db, [requestId])).get(requestId) ?? new Set();
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
