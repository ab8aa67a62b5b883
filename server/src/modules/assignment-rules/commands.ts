import type { CreateAssignmentRule, UpdateAssignmentRule } from '@keel/shared';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { flag } from '../../db/time.js';
import { type AuditContext, appendAudit, createdFields, diffFields } from '../../platform/audit/append.js';
import { invalid, notFound } from '../../platform/errors.js';
import { assertUpdated, checkVersion } from '../../platform/http/etag.js';
import type { RecordTypeDefinition } from '../../platform/records/record-type.js';

type Trx = Transaction<Database>;

/** The group must exist, the person be active staff, the service exist. */
async function checkTargets(trx: Trx, input: { groupId?: number; assigneeId?: number | null; serviceId?: number | null }) {
  if (input.groupId !== undefined) {
    const group = await trx.selectFrom('groups').select('id').where('id', '=', input.groupId).executeTakeFirst();
    if (!group) throw invalid('groupId', 'No such group');
  }
  if (input.assigneeId) {
    const user = await trx
      .selectFrom('users')
      .select('id')
      .where('id', '=', input.assigneeId)
      .where('kind', '=', 'staff')
      .where('active', '=', 1)
      .executeTakeFirst();
    if (!user) throw invalid('assigneeId', 'The assignee must be an active staff user');
  }
  if (input.serviceId) {
    const service = await trx.selectFrom('services').select('id').where('id', '=', input.serviceId).executeTakeFirst();
    if (!service) throw invalid('serviceId', 'No such service');
  }
}

export async function createAssignmentRule(
  trx: Trx,
  ctx: AuditContext,
  types: readonly RecordTypeDefinition[],
  input: CreateAssignmentRule,
) {
  if (!types.some((t) => t.key === input.recordType)) throw invalid('recordType', 'No such record type');
  await checkTargets(trx, input);
  const now = Date.now();
  const row = await trx
    .insertInto('assignment_rules')
    .values({
      name: input.name,
      record_type: input.recordType,
      category: input.category,
      service_id: input.serviceId,
      priority: input.priority,
      group_id: input.groupId,
      assignee_id: input.assigneeId,
      position: input.position,
      active: flag(input.active),
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await appendAudit(trx, ctx, {
    action: 'assignment_rule.created',
    objectType: 'assignment_rule',
    objectId: row.id,
    objectLabel: input.name,
    changes: createdFields({ ...input }),
  });
  return row.id;
}

export async function updateAssignmentRule(
  trx: Trx,
  ctx: AuditContext,
  input: { id: number; expectedVersion: number | null; patch: UpdateAssignmentRule },
) {
  const before = await trx.selectFrom('assignment_rules').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!before) throw notFound('assignment rule');
  checkVersion(input.expectedVersion, before.version);
  const { patch } = input;
  await checkTargets(trx, patch);
  const fields = {
    name: patch.name,
    category: patch.category,
    service_id: patch.serviceId,
    priority: patch.priority,
    group_id: patch.groupId,
    assignee_id: patch.assigneeId,
    position: patch.position,
    active: patch.active === undefined ? undefined : flag(patch.active),
  };
  const changes = diffFields(before, fields);
  if (Object.keys(changes).length === 0) return;
  const result = await trx
    .updateTable('assignment_rules')
    .set((eb) => ({ ...fields, updated_at: Date.now(), version: eb('version', '+', 1) }))
    .where('id', '=', before.id)
    .where('version', '=', before.version)
    .executeTakeFirst();
  assertUpdated(result);
  await appendAudit(trx, ctx, {
    action: 'assignment_rule.updated',
    objectType: 'assignment_rule',
    objectId: before.id,
    objectLabel: before.name,
    changes,
  });
}

/** Records it routed keep their group: a rule decides only at create time. */
export async function deleteAssignmentRule(trx: Trx, ctx: AuditContext, input: { id: number; expectedVersion: number | null }) {
  const before = await trx.selectFrom('assignment_rules').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!before) throw notFound('assignment rule');
  checkVersion(input.expectedVersion, before.version);
  await trx.deleteFrom('assignment_rules').where('id', '=', input.id).execute();
  await appendAudit(trx, ctx, {
    action: 'assignment_rule.deleted',
    objectType: 'assignment_rule',
    objectId: before.id,
    objectLabel: before.name,
    changes: { name: [before.name, null], groupId: [before.group_id, null] },
  });
}
