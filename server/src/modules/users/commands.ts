import type { CreateUser, UpdateUser } from '@keel/shared';
import type { Kysely, Transaction } from 'kysely';
import type { Config } from '../../config.js';
import type { Database } from '../../db/schema.js';
import { flag } from '../../db/time.js';
import { type AuditContext, appendAudit, createdFields, diffFields } from '../../platform/audit/append.js';
import { unlockUser } from '../../platform/auth/throttle.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { assertUpdated, checkVersion } from '../../platform/http/etag.js';

type Trx = Transaction<Database>;

/** Role ids for keys, checking that the set suits the kind of user (customers hold only the customer role). */
async function resolveRoles(trx: Trx, kind: 'staff' | 'customer', keys: string[]): Promise<number[]> {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return [];
  if (kind === 'customer' && unique.some((k) => k !== 'customer')) {
    throw invalid('roles', 'A customer can hold only the customer role');
  }
  if (kind === 'staff' && unique.includes('customer')) throw invalid('roles', 'Staff cannot hold the customer role');
  const rows = await trx.selectFrom('roles').select(['id', 'key']).where('key', 'in', unique).execute();
  const missing = unique.filter((k) => !rows.some((r) => r.key === k));
  if (missing.length > 0) throw invalid('roles', `Unknown roles: ${missing.join(', ')}`);
  return rows.map((r) => r.id);
}

async function assertOrganisation(trx: Trx, kind: 'staff' | 'customer', organisationId: number | null | undefined) {
  if (kind === 'customer' && !organisationId) throw invalid('organisationId', 'A customer belongs to an organisation');
  if (!organisationId) return;
  const org = await trx.selectFrom('organisations').select('id').where('id', '=', organisationId).executeTakeFirst();
  if (!org) throw invalid('organisationId', 'No such organisation');
}

async function replaceRoles(trx: Trx, userId: number, roleIds: number[]) {
  await trx.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  if (roleIds.length > 0)
    await trx
      .insertInto('user_roles')
      .values(roleIds.map((role_id) => ({ user_id: userId, role_id })))
      .execute();
}

/** `passwordHash` comes from preparePassword, computed before the transaction. */
/** A manager approves someone's requests: an active user other than the person themself. */
async function assertManager(trx: Trx, userId: number | null, managerId: number | null | undefined) {
  if (managerId == null) return;
  if (managerId === userId) throw invalid('managerId', 'A person cannot be their own manager');
  const manager = await trx.selectFrom('users').select('id').where('id', '=', managerId).where('active', '=', 1).executeTakeFirst();
  if (!manager) throw invalid('managerId', 'The manager must be an active user');
}

export async function createUser(trx: Trx, ctx: AuditContext, config: Config, input: CreateUser, passwordHash: string): Promise<number> {
  await assertOrganisation(trx, input.kind, input.organisationId);
  await assertManager(trx, null, input.managerId);
  const roleIds = await resolveRoles(trx, input.kind, input.roles ?? (input.kind === 'customer' ? ['customer'] : []));
  const now = Date.now();
  const row = await trx
    .insertInto('users')
    .values({
      username: input.username,
      username_key: input.username.toLowerCase(),
      display_name: input.displayName,
      email: input.email ?? null,
      phone: input.phone ?? null,
      kind: input.kind,
      organisation_id: input.organisationId ?? null,
      sees_org_records: flag(input.seesOrganisationRecords ?? false),
      manager_id: input.managerId ?? null,
      locale: input.locale ?? config.defaultLocale,
      time_zone: input.timeZone ?? config.defaultTimeZone,
      active: 1,
      password_hash: passwordHash,
      password_changed_at: now,
      // Someone else chose this password: the user replaces it at first sign-in.
      must_change_password: 1,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceRoles(trx, row.id, roleIds);
  await appendAudit(trx, ctx, {
    action: 'user.created',
    objectType: 'user',
    objectId: row.id,
    objectLabel: input.username,
    changes: createdFields({
      username: input.username,
      displayName: input.displayName,
      kind: input.kind,
      organisationId: input.organisationId,
      managerId: input.managerId,
      roles: input.roles,
    }),
  });
  return row.id;
}

export async function updateUser(
  trx: Trx,
  ctx: AuditContext,
  input: { id: number; expectedVersion: number | null; patch: UpdateUser; actorUserId: number; passwordHash: string | null },
): Promise<{ endSessions: boolean }> {
  const { patch } = input;
  const before = await trx.selectFrom('users').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!before) throw notFound('user');
  checkVersion(input.expectedVersion, before.version);
  const kind = before.kind;
  const organisationId = patch.organisationId === undefined ? before.organisation_id : patch.organisationId;
  if (patch.organisationId !== undefined) await assertOrganisation(trx, kind, organisationId);
  await assertManager(trx, input.id, patch.managerId);
  const currentRoles = await trx
    .selectFrom('user_roles')
    .innerJoin('roles', 'roles.id', 'user_roles.role_id')
    .select('roles.key')
    .where('user_id', '=', input.id)
    .execute();
  const beforeRoles = currentRoles.map((r) => r.key).sort();
  const afterRoles = patch.roles ? [...new Set(patch.roles)].sort() : beforeRoles;
  const deactivating = patch.active === false && before.active === 1;
  if (
    input.id === input.actorUserId &&
    (deactivating || (beforeRoles.includes('administrator') && !afterRoles.includes('administrator')))
  ) {
    throw new AppError('conflict', 'You cannot deactivate yourself or remove your own administrator role');
  }
  const fields = {
    display_name: patch.displayName,
    email: patch.email,
    phone: patch.phone,
    organisation_id: patch.organisationId,
    sees_org_records: patch.seesOrganisationRecords === undefined ? undefined : flag(patch.seesOrganisationRecords),
    manager_id: patch.managerId,
    locale: patch.locale,
    time_zone: patch.timeZone,
    active: patch.active === undefined ? undefined : flag(patch.active),
  };
  const changes = diffFields(before, fields);
  if (patch.roles && JSON.stringify(beforeRoles) !== JSON.stringify(afterRoles)) {
    await replaceRoles(trx, input.id, await resolveRoles(trx, kind, afterRoles));
    changes.roles = [beforeRoles, afterRoles];
  }
  let passwordFields = {};
  if (input.passwordHash) {
    // An administrator's reset: the user must choose their own at next sign-in.
    passwordFields = { password_hash: input.passwordHash, password_changed_at: Date.now(), must_change_password: 1 };
    changes.password = ['***', '***'];
  }
  if (patch.unlock) {
    await unlockUser(trx, before.username_key);
    changes.locked = [true, false];
  }
  if (Object.keys(changes).length === 0) return { endSessions: false };
  const updated = await trx
    .updateTable('users')
    .set((eb) => ({ ...fields, ...passwordFields, updated_at: Date.now(), version: eb('version', '+', 1) }))
    .where('id', '=', input.id)
    .where('version', '=', before.version)
    .executeTakeFirst();
  assertUpdated(updated);
  await appendAudit(trx, ctx, { action: 'user.updated', objectType: 'user', objectId: input.id, objectLabel: before.username, changes });
  return { endSessions: deactivating || Boolean(input.passwordHash) };
}

/** The username, for checking a new password against it before the update's transaction. */
export async function usernameOf(db: Kysely<Database>, id: number): Promise<string> {
  const row = await db.selectFrom('users').select('username').where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('user');
  return row.username;
}
