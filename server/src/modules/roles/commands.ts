import {
  BUILT_IN_ROLE_PERMISSIONS,
  BUILT_IN_ROLES,
  type CreateRole,
  isReadPermission,
  type Permission,
  READ_ONLY_ROLES,
  type UpdateRole,
} from '@keel/shared';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { type AuditContext, appendAudit, createdFields, diffFields } from '../../platform/audit/append.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { assertUpdated, checkVersion } from '../../platform/http/etag.js';
import { MAX_ROLES } from './queries.js';

type Trx = Transaction<Database>;

const BUILT_IN_NAMES: Record<(typeof BUILT_IN_ROLES)[number], string> = {
  administrator: 'Administrator',
  service_manager: 'Service manager',
  agent: 'Agent',
  change_manager: 'Change manager',
  cab_member: 'CAB member',
  problem_manager: 'Problem manager',
  security_officer: 'Security officer',
  auditor: 'Auditor',
  customer: 'Customer',
};

/** Inserts the built-in roles that are missing; existing ones keep an administrator's edits. */
export async function seedBuiltInRoles(db: Kysely<Database>): Promise<void> {
  const existing = await db.selectFrom('roles').select('key').where('built_in', '=', 1).execute();
  const have = new Set(existing.map((r) => r.key));
  const now = Date.now();
  const missing = BUILT_IN_ROLES.filter((key) => !have.has(key));
  if (missing.length === 0) return;
  await db
    .insertInto('roles')
    .values(
      missing.map((key) => ({
        key,
        name: BUILT_IN_NAMES[key],
        description: '',
        built_in: 1,
        permissions: JSON.stringify(BUILT_IN_ROLE_PERMISSIONS[key]),
        created_at: now,
        updated_at: now,
        version: 1,
      })),
    )
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

function assertPermissionsFit(key: string, permissions: Permission[]) {
  if (key === 'administrator') throw new AppError('conflict', "The administrator role's permissions cannot change");
  if ((READ_ONLY_ROLES as readonly string[]).includes(key) && permissions.some((p) => !isReadPermission(p))) {
    throw invalid('permissions', 'A read-only role can hold only read, export and verify permissions');
  }
  if (key === 'customer' && permissions.length > 0)
    throw invalid('permissions', 'The customer role works through row visibility, not staff permissions');
}

export async function createRole(trx: Trx, ctx: AuditContext, input: CreateRole): Promise<number> {
  const count = await trx
    .selectFrom('roles')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(count.n) >= MAX_ROLES) throw new AppError('conflict', `At most ${MAX_ROLES} roles`);
  const now = Date.now();
  const permissions = [...new Set(input.permissions)].sort();
  const row = await trx
    .insertInto('roles')
    .values({
      key: input.key,
      name: input.name,
      description: input.description ?? '',
      built_in: 0,
      permissions: JSON.stringify(permissions),
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await appendAudit(trx, ctx, {
    action: 'role.created',
    objectType: 'role',
    objectId: row.id,
    objectLabel: input.key,
    changes: createdFields({ key: input.key, name: input.name, description: input.description, permissions }),
  });
  return row.id;
}

export async function updateRole(trx: Trx, ctx: AuditContext, input: { id: number; expectedVersion: number | null; patch: UpdateRole }) {
  const before = await trx.selectFrom('roles').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!before) throw notFound('role');
  checkVersion(input.expectedVersion, before.version);
  const permissions = input.patch.permissions ? [...new Set(input.patch.permissions)].sort() : undefined;
  if (permissions) assertPermissionsFit(before.key, permissions);
  const fields = {
    name: input.patch.name,
    description: input.patch.description,
    permissions: permissions ? JSON.stringify(permissions) : undefined,
  };
  const changes = diffFields(before, fields);
  if (changes.permissions) changes.permissions = [JSON.parse(before.permissions), permissions];
  if (Object.keys(changes).length === 0) return;
  const result = await trx
    .updateTable('roles')
    .set((eb) => ({ ...fields, updated_at: Date.now(), version: eb('version', '+', 1) }))
    .where('id', '=', input.id)
    .where('version', '=', before.version)
    .executeTakeFirst();
  assertUpdated(result);
  await appendAudit(trx, ctx, { action: 'role.updated', objectType: 'role', objectId: input.id, objectLabel: before.key, changes });
}

export async function deleteRole(trx: Trx, ctx: AuditContext, input: { id: number; expectedVersion: number | null }) {
  const before = await trx.selectFrom('roles').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!before) throw notFound('role');
  checkVersion(input.expectedVersion, before.version);
  if (before.built_in === 1) throw new AppError('conflict', 'Built-in roles cannot be deleted');
  const holder = await trx.selectFrom('user_roles').select('user_id').where('role_id', '=', input.id).limit(1).executeTakeFirst();
  if (holder) throw new AppError('conflict', 'Users still hold this role');
  await trx.deleteFrom('roles').where('id', '=', input.id).execute();
  await appendAudit(trx, ctx, {
    action: 'role.deleted',
    objectType: 'role',
    objectId: input.id,
    objectLabel: before.key,
    changes: { key: [before.key, null] },
  });
}
