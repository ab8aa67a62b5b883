import type { ApprovalInboxItem, ApprovalRequest } from '@keel/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { iso, isoOrNull } from '../../db/time.js';
import type { RecordTypeDefinition } from '../records/record-type.js';
import { eligibleVotersOf, votingIdentities } from './eligibility.js';

/** A record's approval requests with approvers, eligibility and votes: five queries whatever the number of requests. */
export async function listApprovals(db: Kysely<Database>, recordId: number, callerId: number): Promise<ApprovalRequest[]> {
  const requests = await db
    .selectFrom('approval_requests')
    .selectAll()
    .where('record_id', '=', recordId)
    .orderBy('level')
    .orderBy('id')
    .execute();
  if (requests.length === 0) return [];
  const ids = requests.map((r) => r.id);
  const [approvers, votes, identities] = await Promise.all([
    db
      .selectFrom('approval_approvers as a')
      .leftJoin('users as u', 'u.id', 'a.user_id')
      .leftJoin('groups as g', 'g.id', 'a.group_id')
      .select(['a.request_id', 'a.user_id', 'a.group_id', 'u.display_name as user_name', 'g.name as group_name'])
      .where('a.request_id', 'in', ids)
      .execute(),
    db
      .selectFrom('approval_votes as v')
      .innerJoin('users as voter', 'voter.id', 'v.voter_id')
      .innerJoin('users as caster', 'caster.id', 'v.cast_by')
      .select(['v.request_id', 'v.voter_id', 'voter.display_name as voter_name', 'v.cast_by', 'caster.display_name as cast_by_name'])
      .select(['v.decision', 'v.comment', 'v.created_at'])
      .where('v.request_id', 'in', ids)
      .orderBy('v.id')
      .execute(),
    votingIdentities(db, callerId),
  ]);
  const eligibility = await eligibleVotersOf(db, ids);
  const result: ApprovalRequest[] = [];
  for (const r of requests) {
    const eligible = eligibility.get(r.id) ?? new Set<number>();
    const mine = votes.filter((v) => v.request_id === r.id);
    const voted = new Set(mine.map((v) => v.voter_id));
    result.push({
      id: r.id,
      title: r.title,
      mode: r.mode,
      quorum: r.quorum,
      level: r.level,
      state: r.state,
      approvers: approvers
        .filter((a) => a.request_id === r.id)
        .map((a) =>
          a.user_id !== null
            ? { kind: 'user' as const, id: a.user_id, name: a.user_name ?? '' }
            : { kind: 'group' as const, id: a.group_id ?? 0, name: a.group_name ?? '' },
        ),
      eligibleCount: eligible.size,
      votes: mine.map((v) => ({
        voterId: v.voter_id,
        voterName: v.voter_name,
        castById: v.cast_by,
        castByName: v.cast_by_name,
        decision: v.decision,
        comment: v.comment,
        createdAt: iso(v.created_at),
      })),
      canVoteAs: r.state === 'pending' ? identities.filter((id) => eligible.has(id) && !voted.has(id)) : [],
      createdAt: iso(r.created_at),
      decidedAt: isoOrNull(r.decided_at),
    });
  }
  return result;
}

/**
 * "My approvals": open requests the caller may vote on, in person or as a delegate, and has
 * not voted on yet. Requests on record types the caller cannot read are left out.
 */
export async function approvalInbox(
  db: Kysely<Database>,
  callerId: number,
  readableTypes: readonly RecordTypeDefinition[],
  limit: number,
): Promise<ApprovalInboxItem[]> {
  if (readableTypes.length === 0) return [];
  const identities = await votingIdentities(db, callerId);
  const rows = await db
    .selectFrom('approval_requests as r')
    .innerJoin('approval_approvers as a', 'a.request_id', 'r.id')
    .leftJoin('group_members as m', 'm.group_id', 'a.group_id')
    .innerJoin('users as voter', (j) =>
      j.on((eb) => eb.or([eb('voter.id', '=', eb.ref('a.user_id')), eb('voter.id', '=', eb.ref('m.user_id'))])),
    )
    .innerJoin('records as rec', 'rec.id', 'r.record_id')
    .select(['r.id', 'r.title', 'r.mode', 'r.created_at', 'voter.id as voter_id', 'voter.display_name as voter_name'])
    .select(['rec.type', 'rec.number', 'rec.title as record_title'])
    .where('r.state', '=', 'pending')
    .where('voter.id', 'in', identities)
    .where('voter.active', '=', 1)
    .where(
      'rec.type',
      'in',
      readableTypes.map((t) => t.key),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('approval_votes as v').select('v.id').whereRef('v.request_id', '=', 'r.id').whereRef('v.voter_id', '=', 'voter.id'),
        ),
      ),
    )
    .distinct()
    .orderBy('r.id', 'desc')
    .limit(limit)
    .execute();
  const pathOf = new Map(readableTypes.map((t) => [t.key, t.path]));
  return rows.map((row) => ({
    requestId: row.id,
    title: row.title,
    mode: row.mode,
    record: { type: row.type, path: pathOf.get(row.type) ?? row.type, number: row.number, title: row.record_title },
    onBehalfOf: row.voter_id === callerId ? null : { id: row.voter_id, name: row.voter_name },
    createdAt: iso(row.created_at),
  }));
}
