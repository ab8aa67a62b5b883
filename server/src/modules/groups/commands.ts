import type { CreateGroup, UpdateGroup } from '@keel/shared';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { type AuditContext, appendAudit, createdFields, diffFields } from '../../platform/audit/append.js';
import { invalid, notFound } from '../../platform/errors.js';
import { assertUpdated, checkVersion } from '../../platform/http/etag.js';

type Trx = Transaction<Database>;

/** Support groups are staff teams: lead and members must be existing staff users. */
async function assertStaff(trx: Trx, ids: number[], path: string) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const rows = await trx.selectFrom('users').select('id').where('id', 'in', unique).where('kind', '=', 'staff').execute();
  if (rows.length !== unique.length) throw invalid(path, 'Every member and the lead must be an existing staff user');
}

async function replaceMembers(trx: Trx, groupId: number, memberIds: number[]) {
  await trx.deleteFrom('group_members').where('group_id', '=', groupId).execute();
  const unique = [...new Set(memberIds)];
  if (unique.length > 0)
    await trx
      .insertInto('group_members')
      .values(unique.map((user_id) => ({ group_id: groupId, user_id })))
      .execute();
}

export async function createGroup(trx: Trx, ctx: AuditContext, input: CreateGroup): Promise<number> {
  const memberIds = input.memberIds ?? [];
  await assertStaff(trx, memberIds, 'memberIds');
  if (input.leadId) await assertStaff(trx, [input.leadId], 'leadId');
  const now = Date.now();
  const row = await trx
    .insertInto('groups')
    .values({
      name: input.name,
      name_key: input.name.toLowerCase(),
      description: input.description ?? '',
      email: input.email ?? null,
      lead_id: input.leadId ?? null,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceMembers(trx, row.id, memberIds);
  await appendAudit(trx, ctx, {
    action: 'group.created',
    objectType: 'group',
    objectId: row.id,
    objectLabel: input.name,
    changes: createdFields({
      name: input.name,
      description: input.description,
      email: input.email,
      leadId: input.leadId,
      memberIds: [...new Set(memberIds)].sort((a, b) => a - b),
    }),
  });
  return row.id;
}

export async function updateGroup(trx: Trx, ctx: AuditContext, input: { id: number; expectedVersion: number | null; patch: UpdateGroup }) {
  const before = await trx.selectFrom('groups').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!before) throw notFound('group');
  checkVersion(input.expectedVersion, before.version);
  const { patch } = input;
  if (patch.leadId) await assertStaff(trx, [patch.leadId], 'leadId');
  const fields = { name: patch.name, description: patch.description, email: patch.email, lead_id: patch.leadId };
  const changes = diffFields(before, fields);
  if (patch.memberIds) {
    await assertStaff(trx, patch.memberIds, 'memberIds');
    const current = await trx.selectFrom('group_members').select('user_id').where('group_id', '=', input.id).execute();
    const beforeIds = current.map((m) => m.user_id).sort((a, b) => a - b);
    const afterIds = [...new Set(patch.memberIds)].sort((a, b) => a - b);
    if (JSON.stringify(beforeIds) !== JSON.stringify(afterIds)) {
      await replaceMembers(trx, input.id, afterIds);
      changes.memberIds = [beforeIds, afterIds];
    }
  }
  if (Object.keys(changes).length === 0) return;
  const result = await trx
    .updateTable('groups')
    .set((eb) => ({ ...fields, name_key: fields.name?.toLowerCase(), updated_at: Date.now(), version: eb('version', '+', 1) }))
    .where('id', '=', input.id)
    .where('version', '=', before.version)
    .executeTakeFirst();
  assertUpdated(result);
  await appendAudit(trx, ctx, { action: 'group.updated', objectType: 'group', objectId: input.id, objectLabel: before.name, changes });
}

export async function deleteGroup(trx: Trx, ctx: AuditContext, input: { id: number; expectedVersion: number | null }) {
  const before = await trx.selectFrom('groups').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!before) throw notFound('group');
  checkVersion(input.expectedVersion, before.version);
  await trx.deleteFrom('group_members').where('group_id', '=', input.id).execute();
  await trx.deleteFrom('groups').where('id', '=', input.id).execute();
  await appendAudit(trx, ctx, {
    action: 'group.deleted',
    objectType: 'group',
    objectId: input.id,
    objectLabel: before.name,
    changes: { name: [before.name, null] },
  });
}
