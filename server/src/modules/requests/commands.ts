import { catalogues, fill, type RaiseRequest, type RequestApprovalState, validateCatalogueForm } from '@keel/shared';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../platform/access/actor.js';
import { requestApproval } from '../../platform/approvals/commands.js';
import { type AuditContext, appendAudit } from '../../platform/audit/append.js';
import { AppError, invalid } from '../../platform/errors.js';
import { createRecord } from '../../platform/records/commands.js';
import { unmetGuards } from '../../platform/records/guards.js';
import { transitionRecord } from '../../platform/records/transition.js';
import { workflowOf } from '../../platform/workflow/store.js';
import { RECORD_TYPES } from '../record-types.js';
import { TASK_TYPE } from '../tasks/type.js';
import { type CatalogueItem, catalogueItemById, isRequestable } from './catalogue.js';
import { approvalRoute } from './routing.js';
import { REQUEST_TYPE } from './type.js';

type Trx = Transaction<Database>;

const UNAVAILABLE = {
  no_manager: 'This item needs your manager’s approval, but no manager is recorded for you. Ask the service desk.',
  no_service_owner: 'This item needs the service owner’s approval, but the service has no owner. Ask the service desk.',
  self_approval: 'This item would need your own approval. Ask the service desk to raise it for you.',
} as const;

async function setApprovalState(trx: Trx, recordId: number, state: RequestApprovalState) {
  await trx.updateTable('request_ext').set({ approval_state: state }).where('record_id', '=', recordId).execute();
}

/** Takes a step of the workflow in force for the module; a step an administrator removed from the workflow is skipped. */
async function moveOn(trx: Trx, ctx: AuditContext, actor: Actor, number: string, action: string): Promise<boolean> {
  const workflow = await workflowOf(trx, REQUEST_TYPE);
  if (!workflow.transitions.some((t) => t.key === action)) return false;
  await transitionRecord(trx, ctx, REQUEST_TYPE, actor, { number, action, expectedVersion: null, types: RECORD_TYPES, asSystem: true });
  return true;
}

/** One task under the request for the item's fulfilment group, titled in the actor's language. */
async function openFulfilmentTask(
  trx: Trx,
  ctx: AuditContext,
  actor: Actor,
  request: { number: string; title: string },
  item: CatalogueItem | null,
) {
  const title = fill(catalogues[actor.locale].requests.generated.fulfilTask, { number: request.number, title: request.title });
  await createRecord(
    trx,
    ctx,
    TASK_TYPE,
    actor,
    { title: title.slice(0, 200), parent: request.number, groupId: item?.fulfilmentGroupId ?? null },
    { asService: true },
  );
}

/** A user answer must name an active user (the pure validator checks only that it is an id). */
async function unknownUsers(trx: Trx, item: CatalogueItem, answers: Record<string, unknown>) {
  const named = item.formDefinition.fields
    .filter((f) => f.type === 'user' && typeof answers[f.key] === 'number')
    .map((f) => ({ key: f.key, id: answers[f.key] as number }));
  if (named.length === 0) return [];
  const found = await trx
    .selectFrom('users')
    .select('id')
    .where(
      'id',
      'in',
      named.map((n) => n.id),
    )
    .where('active', '=', 1)
    .execute();
  const active = new Set(found.map((u) => u.id));
  return named.filter((n) => !active.has(n.id)).map((n) => ({ path: `answers.${n.key}`, message: 'No such active user' }));
}

/** The answers kept with the request: the form's own, in its order, text trimmed, empty ones left out. */
function answersToStore(item: CatalogueItem, answers: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const field of item.formDefinition.fields) {
    const value = answers[field.key];
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    kept[field.key] = typeof value === 'string' ? value.trim() : value;
  }
  return kept;
}

/**
 * Raises a request from a catalogue item: the answers are checked against the item's form
 * (400 naming each `answers.<key>`), the service and fulfilment group come from the item,
 * and the request goes to its approvers or, when none is needed, straight to fulfilment.
 */
export async function raiseRequest(trx: Trx, ctx: AuditContext, actor: Actor, body: RaiseRequest): Promise<string> {
  const item = await catalogueItemById(trx, body.catalogueItemId);
  if (!item || !isRequestable(item)) throw invalid('catalogueItemId', 'No such catalogue item, or it cannot be requested now');
  const errors = [
    ...validateCatalogueForm(item.formDefinition, body.answers).map((e) => ({ path: e.path, message: e.message })),
    ...(await unknownUsers(trx, item, body.answers)),
  ];
  if (errors.length > 0) throw new AppError('validation_failed', 'Some answers are not valid.', { errors });
  const answers = answersToStore(item, body.answers);
  const requesterId = body.requesterId ?? actor.userId;
  const requester = await trx.selectFrom('users').select(['id', 'manager_id']).where('id', '=', requesterId).executeTakeFirst();
  const route = approvalRoute(item.approval, {
    requesterId,
    managerId: requester?.manager_id ?? null,
    serviceOwnerId: item.serviceOwnerId,
  });
  if (route.kind === 'unavailable') throw new AppError('approver_unavailable', UNAVAILABLE[route.reason]);
  const title = body.title ?? item.name;
  const number = await createRecord(
    trx,
    ctx,
    REQUEST_TYPE,
    actor,
    {
      title,
      description: body.description,
      impact: body.impact,
      urgency: body.urgency,
      serviceId: item.serviceId,
      requesterId: body.requesterId,
    },
    { groupId: item.fulfilmentGroupId },
  );
  const record = await trx
    .selectFrom('records')
    .select(['id', 'number', 'type', 'title'])
    .where('number', '=', number)
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('request_ext')
    .set({
      catalogue_item_id: item.id,
      answers: JSON.stringify(answers),
      approval_state: route.kind === 'ask' ? 'pending' : 'not_required',
    })
    .where('record_id', '=', record.id)
    .execute();
  await appendAudit(trx, ctx, {
    action: 'request.submitted',
    objectType: REQUEST_TYPE.key,
    objectId: record.id,
    objectLabel: number,
    changes: { catalogueItemId: [null, item.id], answers: [null, answers] },
  });
  if (route.kind === 'ask') {
    await moveOn(trx, ctx, actor, number, 'request_approval');
    const words = catalogues[actor.locale].requests.generated;
    const template = { manager: words.approvalManager, service_owner: words.approvalServiceOwner, group: words.approvalGroup }[route.title];
    await requestApproval(trx, ctx, { ...record, def: REQUEST_TYPE }, actor, {
      title: fill(template, { title: item.name }).slice(0, 200),
      mode: 'any',
      level: 1,
      userIds: route.userIds,
      groupIds: route.groupIds,
    });
  } else if (await moveOn(trx, ctx, actor, number, 'start')) {
    await openFulfilmentTask(trx, ctx, actor, record, item);
  }
  return number;
}

/**
 * A request's approval was decided: once every approval asked for is granted the request
 * goes to fulfilment (with its task); a rejection rejects it, which the requester hears of
 * as a state change. A request the service desk already moved on by hand is left alone.
 */
export async function approvalDecided(
  trx: Trx,
  ctx: AuditContext,
  actor: Actor,
  record: { id: number; number: string },
  outcome: 'approved' | 'rejected' | 'cancelled',
): Promise<void> {
  const row = await trx
    .selectFrom('records')
    .innerJoin('request_ext', 'request_ext.record_id', 'records.id')
    .select(['records.state', 'records.title', 'request_ext.catalogue_item_id'])
    .where('records.id', '=', record.id)
    .executeTakeFirst();
  if (row?.state !== 'awaiting_approval') return;
  if (outcome === 'rejected') {
    await setApprovalState(trx, record.id, 'rejected');
    await moveOn(trx, ctx, actor, record.number, 'reject');
    return;
  }
  if (outcome !== 'approved' || (await unmetGuards(trx, record.id, ['approvals_granted'])).length > 0) return;
  await setApprovalState(trx, record.id, 'approved');
  if (await moveOn(trx, ctx, actor, record.number, 'approve')) {
    const item = row.catalogue_item_id === null ? null : await catalogueItemById(trx, row.catalogue_item_id);
    await openFulfilmentTask(trx, ctx, actor, { number: record.number, title: row.title }, item);
  }
}
