import type { CreateSavedView, UpdateSavedView } from '@keel/shared';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { type Actor, can } from '../access/actor.js';
import { type AuditContext, appendAudit, createdFields, diffFields } from '../audit/append.js';
import { AppError, forbidden, invalid } from '../errors.js';
import { assertUpdated, checkVersion } from '../http/etag.js';
import { recordQuerySchemas } from '../records/filters.js';
import type { RecordTypeDefinition } from '../records/record-type.js';
import { getVisibleView, mayEditView } from './queries.js';

type Trx = Transaction<Database>;

/** Enough for anyone; keeps one person from filling the table. */
const MAX_VIEWS_PER_TYPE = 100;

/** The type a view lists: it must exist and the caller must be allowed to read it. */
export function viewType(types: readonly RecordTypeDefinition[], actor: Actor, key: string): RecordTypeDefinition {
  const def = types.find((t) => t.key === key);
  if (!def) throw invalid('type', `No record type "${key}"`);
  if (!can(actor, def.permissions.read)) throw forbidden(`Requires the permission ${def.permissions.read}`);
  return def;
}

/** A view's parameters are exactly what the type's list accepts: the same schema checks them. */
function checkParams(def: RecordTypeDefinition, params: Record<string, string>): void {
  const result = recordQuerySchemas(def).list.safeParse(params);
  if (result.success) return;
  throw new AppError('validation_failed', 'The view holds parameters the list does not accept', {
    errors: result.error.issues.map((issue) => ({ path: ['params', ...issue.path.map(String)].join('.'), message: issue.message })),
  });
}

/** Sharing shows a view to all staff, so it is for staff who may write. */
function checkSharing(actor: Actor, shared: boolean | undefined): void {
  if (!shared) return;
  if (actor.kind !== 'staff') throw forbidden('Only staff share views');
  if (actor.readOnly) throw forbidden('Your role is read-only');
}

export async function createView(
  trx: Trx,
  ctx: AuditContext,
  actor: Actor,
  types: readonly RecordTypeDefinition[],
  input: CreateSavedView,
): Promise<number> {
  const def = viewType(types, actor, input.type);
  checkSharing(actor, input.shared);
  checkParams(def, input.params);
  const { n } = await trx
    .selectFrom('saved_views')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('owner_id', '=', actor.userId)
    .where('type', '=', def.key)
    .executeTakeFirstOrThrow();
  if (Number(n) >= MAX_VIEWS_PER_TYPE) throw new AppError('conflict', `At most ${MAX_VIEWS_PER_TYPE} views per record type`);
  const now = Date.now();
  const row = await trx
    .insertInto('saved_views')
    .values({
      owner_id: actor.userId,
      type: def.key,
      name: input.name,
      name_key: input.name.toLowerCase(),
      shared: input.shared ? 1 : 0,
      params: JSON.stringify(input.params),
      columns: JSON.stringify(input.columns ?? []),
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await appendAudit(trx, ctx, {
    action: 'view.created',
    objectType: 'saved_view',
    objectId: row.id,
    objectLabel: input.name,
    changes: createdFields({ type: def.key, name: input.name, shared: input.shared, params: input.params, columns: input.columns }),
  });
  return row.id;
}

export async function updateView(
  trx: Trx,
  ctx: AuditContext,
  actor: Actor,
  types: readonly RecordTypeDefinition[],
  input: { id: number; expectedVersion: number | null; patch: UpdateSavedView },
): Promise<void> {
  const before = await getVisibleView(trx, actor, input.id);
  if (!mayEditView(actor, before)) throw forbidden('Only the owner or a holder of views.manage changes a shared view');
  const def = viewType(types, actor, before.type);
  checkVersion(input.expectedVersion, before.version);
  const { patch } = input;
  checkSharing(actor, patch.shared);
  if (patch.params) checkParams(def, patch.params);
  const fields = {
    name: patch.name,
    shared: patch.shared === undefined ? undefined : patch.shared ? 1 : 0,
    params: patch.params ? JSON.stringify(patch.params) : undefined,
    columns: patch.columns ? JSON.stringify(patch.columns) : undefined,
  };
  const changes = diffFields(before, fields);
  if (Object.keys(changes).length === 0) return;
  const result = await trx
    .updateTable('saved_views')
    .set((eb) => ({ ...fields, name_key: fields.name?.toLowerCase(), updated_at: Date.now(), version: eb('version', '+', 1) }))
    .where('id', '=', before.id)
    .where('version', '=', before.version)
    .executeTakeFirst();
  assertUpdated(result);
  await appendAudit(trx, ctx, { action: 'view.updated', objectType: 'saved_view', objectId: before.id, objectLabel: before.name, changes });
}

export async function deleteView(trx: Trx, ctx: AuditContext, actor: Actor, input: { id: number; expectedVersion: number | null }) {
  const before = await getVisibleView(trx, actor, input.id);
  if (!mayEditView(actor, before)) throw forbidden('Only the owner or a holder of views.manage deletes a shared view');
  checkVersion(input.expectedVersion, before.version);
  await trx.deleteFrom('saved_views').where('id', '=', before.id).execute();
  await appendAudit(trx, ctx, {
    action: 'view.deleted',
    objectType: 'saved_view',
    objectId: before.id,
    objectLabel: before.name,
    changes: { name: [before.name, null], shared: [before.shared === 1, null] },
  });
}
