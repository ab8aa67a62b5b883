import type { CreateOrganisation, UpdateOrganisation } from '@keel/shared';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { flag } from '../../db/time.js';
import { type AuditContext, appendAudit, createdFields, diffFields } from '../../platform/audit/append.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { assertUpdated, checkVersion } from '../../platform/http/etag.js';

type Trx = Transaction<Database>;
const MAX_DEPTH = 20;

/** The parent must exist and must not be the organisation itself or one of its descendants. */
async function assertParent(trx: Trx, id: number | null, parentId: number | null | undefined) {
  if (!parentId) return;
  let current: number | null = parentId;
  for (let depth = 0; current !== null; depth++) {
    if (current === id) throw invalid('parentId', 'An organisation cannot be its own ancestor');
    if (depth > MAX_DEPTH) throw invalid('parentId', 'The hierarchy is too deep');
    const row: { parent_id: number | null } | undefined = await trx
      .selectFrom('organisations')
      .select('parent_id')
      .where('id', '=', current)
      .executeTakeFirst();
    if (!row) throw invalid('parentId', 'No such organisation');
    current = row.parent_id;
  }
}

export async function createOrganisation(trx: Trx, ctx: AuditContext, input: CreateOrganisation): Promise<number> {
  await assertParent(trx, null, input.parentId);
  const now = Date.now();
  const row = await trx
    .insertInto('organisations')
    .values({
      name: input.name,
      code: input.code,
      code_key: input.code.toLowerCase(),
      description: input.description ?? '',
      parent_id: input.parentId ?? null,
      active: 1,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await appendAudit(trx, ctx, {
    action: 'organisation.created',
    objectType: 'organisation',
    objectId: row.id,
    objectLabel: input.name,
    changes: createdFields({ name: input.name, code: input.code, description: input.description, parentId: input.parentId }),
  });
  return row.id;
}

export async function updateOrganisation(
  trx: Trx,
  ctx: AuditContext,
  input: { id: number; expectedVersion: number | null; patch: UpdateOrganisation },
): Promise<void> {
  const before = await trx.selectFrom('organisations').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!before) throw notFound('organisation');
  checkVersion(input.expectedVersion, before.version);
  if (input.patch.parentId !== undefined) await assertParent(trx, input.id, input.patch.parentId);
  const fields = {
    name: input.patch.name,
    code: input.patch.code,
    description: input.patch.description,
    parent_id: input.patch.parentId,
    active: input.patch.active === undefined ? undefined : flag(input.patch.active),
  };
  const changes = diffFields(before, fields);
  if (Object.keys(changes).length === 0) return;
  const result = await trx
    .updateTable('organisations')
    .set((eb) => ({ ...fields, code_key: fields.code?.toLowerCase(), updated_at: Date.now(), version: eb('version', '+', 1) }))
    .where('id', '=', input.id)
    .where('version', '=', before.version)
    .executeTakeFirst();
  assertUpdated(result);
  await appendAudit(trx, ctx, {
    action: 'organisation.updated',
    objectType: 'organisation',
    objectId: input.id,
    objectLabel: before.name,
    changes,
  });
}

export async function deleteOrganisation(trx: Trx, ctx: AuditContext, input: { id: number; expectedVersion: number | null }) {
  const before = await trx.selectFrom('organisations').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!before) throw notFound('organisation');
  checkVersion(input.expectedVersion, before.version);
  const inUse = await trx
    .selectFrom('users')
    .select('id')
    .where('organisation_id', '=', input.id)
    .union(trx.selectFrom('organisations').select('id').where('parent_id', '=', input.id))
    .limit(1)
    .executeTakeFirst();
  if (inUse) throw new AppError('conflict', 'The organisation still has people or child organisations; deactivate it instead');
  await trx.deleteFrom('organisations').where('id', '=', input.id).execute();
  await appendAudit(trx, ctx, {
    action: 'organisation.deleted',
    objectType: 'organisation',
    objectId: input.id,
    objectLabel: before.name,
    changes: { name: [before.name, null], code: [before.code, null] },
  });
}
