import type { CastVote, CreateApproval } from '@keel/shared';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { type AuditContext, appendAudit } from '../audit/append.js';
import { AppError, forbidden, invalid, notFound } from '../errors.js';
import { appendJournal } from '../records/journal.js';
import { eligibleVoters, votingIdentities } from './eligibility.js';
import { type ApprovalRecord, notifyApprovers } from './notify.js';
import { approvalOutcome } from './outcome.js';

type Trx = Transaction<Database>;

async function displayName(trx: Trx, userId: number): Promise<string | null> {
  const row = await trx.selectFrom('users').select('display_name').where('id', '=', userId).executeTakeFirst();
  return row?.display_name ?? null;
}

/** A lower level still open means this one waits (sequential approval). */
async function startsWaiting(trx: Trx, recordId: number, level: number): Promise<boolean> {
  const open = await trx
    .selectFrom('approval_requests')
    .select('id')
    .where('record_id', '=', recordId)
    .where('level', '<', level)
    .where('state', 'in', ['waiting', 'pending'])
    .executeTakeFirst();
  return open !== undefined;
}

export async function requestApproval(trx: Trx, ctx: AuditContext, record: ApprovalRecord, actor: Actor, input: CreateApproval) {
  const users = input.userIds.length
    ? await trx.selectFrom('users').select('id').where('id', 'in', input.userIds).where('active', '=', 1).execute()
    : [];
  if (users.length !== new Set(input.userIds).size) throw invalid('userIds', 'Every approver must be an active user');
  const groups = input.groupIds.length ? await trx.selectFrom('groups').select('id').where('id', 'in', input.groupIds).execute() : [];
  if (groups.length !== new Set(input.groupIds).size) throw invalid('groupIds', 'No such group');
  const now = Date.now();
  const waiting = await startsWaiting(trx, record.id, input.level);
  const row = await trx
    .insertInto('approval_requests')
    .values({
      record_id: record.id,
      title: input.title,
      mode: input.mode,
      quorum: input.quorum ?? null,
      level: input.level,
      state: waiting ? 'waiting' : 'pending',
      created_by: actor.userId,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const approvers = [
    ...users.map((u) => ({ request_id: row.id, user_id: u.id, group_id: null })),
    ...groups.map((g) => ({ request_id: row.id, user_id: null, group_id: g.id })),
  ];
  await trx.insertInto('approval_approvers').values(approvers).execute();
  const eligible = await eligibleVoters(trx, row.id);
  if (eligible.size === 0) throw invalid('groupIds', 'The named groups have no active members');
  if (input.quorum !== undefined && input.quorum > eligible.size) throw invalid('quorum', `Only ${eligible.size} people can vote`);
  await appendJournal(trx, {
    recordId: record.id,
    kind: 'approval',
    visibility: 'public',
    data: { event: 'requested', requestId: row.id, title: input.title, mode: input.mode, level: input.level },
    authorId: actor.userId,
  });
  await notifyApprovers(trx, ctx, record, [row.id]);
  await appendAudit(trx, ctx, {
    action: 'approval.requested',
    objectType: record.type,
    objectId: record.id,
    objectLabel: record.number,
    changes: { approval: [null, { id: row.id, title: input.title, mode: input.mode, quorum: input.quorum ?? null, level: input.level }] },
  });
  return row.id;
}

/** Locks the request on PostgreSQL so two simultaneous votes are counted one after the other. */
async function loadRequest(trx: Trx, ctx: AuditContext, record: ApprovalRecord, requestId: number) {
  let query = trx.selectFrom('approval_requests').selectAll().where('id', '=', requestId).where('record_id', '=', record.id);
  if (ctx.dialect === 'postgres') query = query.forUpdate();
  const request = await query.executeTakeFirst();
  if (!request) throw notFound('approval');
  return request;
}

/** One vote, in person or as a delegate; the request is decided the moment its rule is met. */
export async function castVote(trx: Trx, ctx: AuditContext, record: ApprovalRecord, actor: Actor, requestId: number, input: CastVote) {
  const request = await loadRequest(trx, ctx, record, requestId);
  if (request.state !== 'pending') throw new AppError('conflict', `This approval is ${request.state}`);
  const voterId = input.onBehalfOf ?? actor.userId;
  if (input.onBehalfOf !== undefined && !(await votingIdentities(trx, actor.userId)).includes(input.onBehalfOf)) {
    throw forbidden('You do not hold this approver’s delegation');
  }
  const eligible = await eligibleVoters(trx, request.id);
  if (!eligible.has(voterId)) throw forbidden('You are not an approver of this request');
  const already = await trx
    .selectFrom('approval_votes')
    .select('id')
    .where('request_id', '=', request.id)
    .where('voter_id', '=', voterId)
    .executeTakeFirst();
  if (already) throw new AppError('conflict', 'This approver has already voted');
  const now = Date.now();
  await trx
    .insertInto('approval_votes')
    .values({
      request_id: request.id,
      voter_id: voterId,
      cast_by: actor.userId,
      decision: input.decision,
      comment: input.comment,
      created_at: now,
    })
    .execute();
  const counts = await trx
    .selectFrom('approval_votes')
    .select(['decision', (eb) => eb.fn.countAll<number>().as('n')])
    .where('request_id', '=', request.id)
    .groupBy('decision')
    .execute();
  const count = (d: string) => Number(counts.find((c) => c.decision === d)?.n ?? 0);
  const outcome = approvalOutcome({
    mode: request.mode,
    quorum: request.quorum,
    eligible: eligible.size,
    approvals: count('approve'),
    rejections: count('reject'),
  });
  await appendJournal(trx, {
    recordId: record.id,
    kind: 'approval',
    visibility: 'internal',
    body: input.comment,
    data: {
      event: 'voted',
      requestId: request.id,
      decision: input.decision,
      voterId,
      ...(voterId !== actor.userId ? { onBehalfOf: voterId, onBehalfOfName: await displayName(trx, voterId) } : {}),
    },
    authorId: actor.userId,
  });
  await appendAudit(trx, ctx, {
    action: 'approval.voted',
    objectType: record.type,
    objectId: record.id,
    objectLabel: record.number,
    changes: { vote: [null, { requestId: request.id, decision: input.decision, voterId, castBy: actor.userId }] },
  });
  if (outcome !== 'pending') await decide(trx, ctx, record, { id: request.id, state: request.state }, outcome, actor);
}

/** Settles a request; an approval opens the next level once its own level is done, a rejection closes the later ones. */
async function decide(
  trx: Trx,
  ctx: AuditContext,
  record: ApprovalRecord,
  request: { id: number; state: string },
  outcome: 'approved' | 'rejected' | 'cancelled',
  actor: Actor,
) {
  const by = actor.userId;
  const requestId = request.id;
  const now = Date.now();
  await trx.updateTable('approval_requests').set({ state: outcome, decided_at: now }).where('id', '=', requestId).execute();
  await appendJournal(trx, {
    recordId: record.id,
    kind: 'approval',
    visibility: 'public',
    data: { event: outcome, requestId },
    authorId: by,
  });
  await appendAudit(trx, ctx, {
    action: 'approval.decided',
    objectType: record.type,
    objectId: record.id,
    objectLabel: record.number,
    changes: {
      approval: [
        { id: requestId, state: request.state },
        { id: requestId, state: outcome },
      ],
    },
  });
  if (outcome === 'rejected') {
    await trx
      .updateTable('approval_requests')
      .set({ state: 'cancelled', decided_at: now })
      .where('record_id', '=', record.id)
      .where('state', '=', 'waiting')
      .execute();
    await record.def.onApprovalDecided?.(trx, ctx, actor, record, outcome);
    return;
  }
  const open = await trx
    .selectFrom('approval_requests')
    .select(['level'])
    .where('record_id', '=', record.id)
    .where('state', 'in', ['waiting', 'pending'])
    .orderBy('level')
    .executeTakeFirst();
  const openPending = await trx
    .selectFrom('approval_requests')
    .select('id')
    .where('record_id', '=', record.id)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  if (open && !openPending) {
    const opened = await trx
      .updateTable('approval_requests')
      .set({ state: 'pending' })
      .where('record_id', '=', record.id)
      .where('state', '=', 'waiting')
      .where('level', '=', open.level)
      .returning('id')
      .execute();
    await notifyApprovers(
      trx,
      ctx,
      record,
      opened.map((r) => r.id),
    );
  }
  // The record type decides what a settled approval means for it (a service request moves on).
  await record.def.onApprovalDecided?.(trx, ctx, actor, record, outcome);
}

export async function cancelApproval(trx: Trx, ctx: AuditContext, record: ApprovalRecord, actor: Actor, requestId: number) {
  const request = await loadRequest(trx, ctx, record, requestId);
  if (request.state !== 'pending' && request.state !== 'waiting') throw new AppError('conflict', `This approval is ${request.state}`);
  await decide(trx, ctx, record, { id: request.id, state: request.state }, 'cancelled', actor);
}
