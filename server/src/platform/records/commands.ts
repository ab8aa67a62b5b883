import type { CreateRecord, RecordSource, UpdateRecord } from '@keel/shared';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { type Visibility, visibilityOf } from '../access/visibility.js';
import { type AuditContext, appendAudit, createdFields, diffFields } from '../audit/append.js';
import { AppError, invalid, notFound } from '../errors.js';
import { assertUpdated, checkVersion } from '../http/etag.js';
import { retargetSlaClocks, startSlaClocks } from '../sla/clocks.js';
import { workflowOf } from '../workflow/store.js';
import { assignmentFor } from './assignment.js';
import { assertNoLoop, resolveParent } from './children.js';
import { fieldsOfType } from './custom-fields/definitions.js';
import { checkCustomValues, writeCustomValues } from './custom-fields/values.js';
import { insertExtension, updateExtension } from './extension.js';
import { appendJournal } from './journal.js';
import { notifyAssignment, notifyComment } from './notifications.js';
import { priorityFor } from './priority-matrix.js';
import { formatNumber, type RecordTypeDefinition } from './record-type.js';

type Trx = Transaction<Database>;

/** Where a new record starts: the initial state of the workflow in force (an administrator may have changed it). */
async function initialState(trx: Trx, def: RecordTypeDefinition) {
  const workflow = await workflowOf(trx, def);
  const state = workflow.states.find((s) => s.key === workflow.initial);
  if (!state) throw new Error(`The ${def.key} workflow has no initial state`);
  return state;
}

/** The next number of a type, atomically (the upsert locks the type's row until commit). */
async function nextSequence(trx: Trx, type: string): Promise<number> {
  const row = await trx
    .insertInto('record_sequences')
    .values({ type, last_number: 1 })
    .onConflict((oc) => oc.column('type').doUpdateSet((eb) => ({ last_number: eb('record_sequences.last_number', '+', 1) })))
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return row.last_number;
}

/** Assignees must be active staff; a group must exist; a requester must exist (their organisation comes along). */
async function checkPeople(trx: Trx, input: { requesterId?: number | null; assigneeId?: number | null; groupId?: number | null }) {
  let organisationId: number | null = null;
  if (input.requesterId) {
    const requester = await trx.selectFrom('users').select(['organisation_id']).where('id', '=', input.requesterId).executeTakeFirst();
    if (!requester) throw invalid('requesterId', 'No such user');
    organisationId = requester.organisation_id;
  }
  if (input.assigneeId) {
    const assignee = await trx
      .selectFrom('users')
      .select('id')
      .where('id', '=', input.assigneeId)
      .where('kind', '=', 'staff')
      .where('active', '=', 1)
      .executeTakeFirst();
    if (!assignee) throw invalid('assigneeId', 'The assignee must be an active staff user');
  }
  if (input.groupId) {
    const group = await trx.selectFrom('groups').select('id').where('id', '=', input.groupId).executeTakeFirst();
    if (!group) throw invalid('groupId', 'No such group');
  }
  return { organisationId };
}

/** A record can be raised against a service in the pipeline or live, not a retired one. */
async function checkService(trx: Trx, serviceId: number | null | undefined) {
  if (!serviceId) return;
  const service = await trx.selectFrom('services').select('status').where('id', '=', serviceId).executeTakeFirst();
  if (!service) throw invalid('serviceId', 'No such service');
  if (service.status === 'retired') throw invalid('serviceId', 'The service is retired');
}

/** Where a record came from, unless the caller (mail, an import) says: customers use the portal, tokens the API; nobody signed in, mail. */
function sourceOf(actor: Actor | null): RecordSource {
  if (actor === null) return 'mail';
  if (actor.kind === 'customer') return 'portal';
  return actor.via === 'token' ? 'api' : 'agent';
}

/** What a channel adds to a create that a request body may not set. */
export type CreateOptions = {
  source?: RecordSource;
  externalId?: string | null;
  /** Set by a module, not the caller (a catalogue item's fulfilment group), so a customer's request may carry it. */
  groupId?: number | null;
  /** The engine acting for a module (fulfilment tasks): no customer limits, the parent found among all records, no requester unless given. */
  asService?: boolean;
};

/** The parent_id a patch asks for: undefined leaves it, null detaches, a number moves it (never into a loop). */
async function newParentId(trx: Trx, recordId: number, parent: string | null | undefined, visibility: Visibility) {
  if (parent === undefined) return undefined;
  if (parent === null) return null;
  const found = await resolveParent(trx, parent, visibility);
  await assertNoLoop(trx, recordId, found.id);
  return found.id;
}

/** The parent's timeline shows its children coming and going (work the engine opens itself is staff-only there). */
async function noteChild(trx: Trx, parentId: number, data: Record<string, unknown>, authorId: number, internal = false) {
  await appendJournal(trx, { recordId: parentId, kind: 'child', visibility: internal ? 'internal' : 'public', data, authorId });
}

/**
 * A customer raises a record for themselves; who works on it, and under what, is the service
 * desk's call. Without an actor (a mail: nobody signed in) only the requester may be named.
 */
function assertCustomerMaySet(actor: Actor | null, input: CreateRecord) {
  if (actor === null) {
    if (input.assigneeId != null || input.groupId != null || input.parent != null || input.custom !== undefined)
      throw new AppError('forbidden', 'Only the service desk sets this');
    return;
  }
  if (actor.kind !== 'customer') return;
  const refused: string[] = [];
  if (input.requesterId != null && input.requesterId !== actor.userId) refused.push('requesterId');
  if (input.assigneeId != null) refused.push('assigneeId');
  if (input.groupId != null) refused.push('groupId');
  if (input.parent != null) refused.push('parent');
  if (refused.length > 0) {
    throw new AppError('validation_failed', 'Customers cannot set this', {
      errors: refused.map((path) => ({ path, message: 'Set by the service desk' })),
    });
  }
}

export async function createRecord(
  trx: Trx,
  ctx: AuditContext,
  def: RecordTypeDefinition,
  /** Who asked, or null for a record raised by mail (docs/mail.md): no signed-in user, so no one's rights. */
  actor: Actor | null,
  input: CreateRecord,
  options: CreateOptions = {},
): Promise<string> {
  if (!options.asService) assertCustomerMaySet(actor, input);
  if (options.groupId !== undefined) input = { ...input, groupId: options.groupId };
  const requesterId = options.asService ? (input.requesterId ?? null) : (input.requesterId ?? actor?.userId ?? null);
  // A mail names no custom values or parent (refused above); this visibility then never sees a row.
  // Work the engine opens for a module (fulfilment tasks) finds its parent among all records.
  const visibility: Visibility = options.asService ? { scope: 'all' } : actor ? visibilityOf(actor) : { scope: 'own', userId: 0 };
  const { organisationId } = await checkPeople(trx, { requesterId, assigneeId: input.assigneeId, groupId: input.groupId });
  await checkService(trx, input.serviceId);
  const custom = await checkCustomValues(trx, await fieldsOfType(trx, def.key), input.custom, { mode: 'create', visibility });
  const parent = input.parent ? await resolveParent(trx, input.parent, visibility) : null;
  const initial = await initialState(trx, def);
  const number = formatNumber(def.prefix, await nextSequence(trx, def.key));
  const now = Date.now();
  const impact = input.impact ?? null;
  const urgency = input.urgency ?? null;
  const priority = await priorityFor(trx, ctx, impact, urgency);
  // Without a group, the type's assignment rules route the record (every channel comes through here).
  const rule =
    input.groupId == null
      ? await assignmentFor(trx, def.key, { category: input.category ?? null, serviceId: input.serviceId ?? null, priority })
      : null;
  const groupId = input.groupId ?? rule?.groupId ?? null;
  const assigneeId = input.assigneeId ?? rule?.assigneeId ?? null;
  const row = await trx
    .insertInto('records')
    .values({
      type: def.key,
      number,
      title: input.title,
      description: input.description ?? '',
      state: initial.key,
      state_category: initial.category,
      impact,
      urgency,
      priority,
      category: input.category ?? null,
      service_id: input.serviceId ?? null,
      source: options.source ?? sourceOf(actor),
      external_id: options.externalId ?? null,
      requester_id: requesterId,
      organisation_id: organisationId,
      assignee_id: assigneeId,
      group_id: groupId,
      parent_id: parent?.id ?? null,
      created_by: actor?.userId ?? null,
      opened_at: now,
      updated_at: now,
      version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const extension = await insertExtension(trx, def, row.id, input.extension);
  const customChanges = await writeCustomValues(trx, row.id, custom);
  await startSlaClocks(trx, {
    id: row.id,
    type: def.key,
    priority,
    category: input.category ?? null,
    group_id: groupId,
    organisation_id: organisationId,
    service_id: input.serviceId ?? null,
    opened_at: now,
  });
  if (parent && actor) await noteChild(trx, parent.id, { event: 'added', number, type: def.key }, actor.userId, options.asService);
  await notifyAssignment(trx, ctx, def, row.id, null);
  await appendAudit(trx, ctx, {
    action: 'record.created',
    objectType: def.key,
    objectId: row.id,
    objectLabel: number,
    changes: {
      ...createdFields({
        title: input.title,
        impact,
        urgency,
        category: input.category,
        serviceId: input.serviceId,
        requesterId,
        assigneeId,
        groupId,
        assignmentRule: rule?.id,
        parent: input.parent,
        ...Object.fromEntries(Object.entries(extension).map(([k, v]) => [`extension.${k}`, v])),
      }),
      ...customChanges,
    },
  });
  return number;
}

export async function updateRecord(
  trx: Trx,
  ctx: AuditContext,
  def: RecordTypeDefinition,
  actor: Actor,
  input: { number: string; expectedVersion: number | null; patch: UpdateRecord },
): Promise<void> {
  const before = await trx
    .selectFrom('records')
    .selectAll()
    .where('type', '=', def.key)
    .where('number', '=', input.number)
    .executeTakeFirst();
  if (!before) throw notFound(def.key);
  checkVersion(input.expectedVersion, before.version);
  const { patch } = input;
  await checkPeople(trx, { assigneeId: patch.assigneeId, groupId: patch.groupId });
  if (patch.serviceId !== before.service_id) await checkService(trx, patch.serviceId);
  const custom = patch.custom
    ? await checkCustomValues(trx, await fieldsOfType(trx, def.key), patch.custom, { mode: 'update', visibility: visibilityOf(actor) })
    : [];
  const parentId = await newParentId(trx, before.id, patch.parent, visibilityOf(actor));
  const impact = patch.impact === undefined ? before.impact : patch.impact;
  const urgency = patch.urgency === undefined ? before.urgency : patch.urgency;
  const fields = {
    parent_id: parentId,
    title: patch.title,
    description: patch.description,
    impact: patch.impact,
    urgency: patch.urgency,
    priority: patch.impact === undefined && patch.urgency === undefined ? undefined : await priorityFor(trx, ctx, impact, urgency),
    category: patch.category,
    service_id: patch.serviceId,
    assignee_id: patch.assigneeId,
    group_id: patch.groupId,
  };
  // A move from one group to another is a reassignment (P-6.1); the first assignment is not.
  const reassigned = patch.groupId !== undefined && before.group_id !== null && patch.groupId !== before.group_id;
  const changes = {
    ...diffFields(before, fields),
    ...(await updateExtension(trx, def, before.id, patch.extension)),
    ...(await writeCustomValues(trx, before.id, custom)),
  };
  if (Object.keys(changes).length === 0) return;
  const result = await trx
    .updateTable('records')
    .set((eb) => ({
      ...fields,
      updated_at: Date.now(),
      version: eb('version', '+', 1),
      ...(reassigned ? { reassignment_count: eb('reassignment_count', '+', 1) } : {}),
    }))
    .where('id', '=', before.id)
    .where('version', '=', before.version)
    .executeTakeFirst();
  assertUpdated(result);
  if (fields.priority !== undefined && fields.priority !== before.priority)
    await retargetSlaClocks(trx, before.id, fields.priority, Date.now());
  await appendJournal(trx, { recordId: before.id, kind: 'field_change', visibility: 'internal', data: changes, authorId: ctx.actorId });
  await notifyAssignment(trx, ctx, def, before.id, before);
  await appendAudit(trx, ctx, { action: 'record.updated', objectType: def.key, objectId: before.id, objectLabel: before.number, changes });
}

/**
 * Adds a comment or an internal work note. It touches `updated_at` but not `version`: a
 * comment never makes someone else's field edit stale. A reply by mail is a public comment
 * of kind `mail` carrying where it came from; its author is the customer it was matched to,
 * or nobody.
 */
export async function addComment(
  trx: Trx,
  ctx: AuditContext,
  def: RecordTypeDefinition,
  actor: Pick<Actor, 'userId' | 'kind'> | null,
  input: { number: string; body: string; internal: boolean; mail?: Record<string, unknown> },
): Promise<number> {
  if (input.internal && (actor === null || actor.kind === 'customer' || input.mail))
    throw new AppError('forbidden', 'Customers cannot write internal notes');
  const record = await trx
    .selectFrom('records')
    .select(['id', 'number'])
    .where('type', '=', def.key)
    .where('number', '=', input.number)
    .executeTakeFirst();
  if (!record) throw notFound(def.key);
  const kind = input.mail ? 'mail' : input.internal ? 'work_note' : 'comment';
  const id = await appendJournal(trx, {
    recordId: record.id,
    kind,
    visibility: input.internal ? 'internal' : 'public',
    body: input.body,
    ...(input.mail ? { data: input.mail } : {}),
    authorId: actor?.userId ?? null,
  });
  await trx.updateTable('records').set({ updated_at: Date.now() }).where('id', '=', record.id).execute();
  await notifyComment(trx, ctx, def, { recordId: record.id, entryId: id, body: input.body, internal: input.internal });
  await appendAudit(trx, ctx, {
    action: 'record.commented',
    objectType: def.key,
    objectId: record.id,
    objectLabel: record.number,
    changes: { [kind]: [null, id] },
  });
  return id;
}
