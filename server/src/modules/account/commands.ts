import { type CreateApiToken, checkPassword, type UpdateProfile } from '@keel/shared';
import type { Transaction } from 'kysely';
import type { Config } from '../../config.js';
import type { Db } from '../../db/connect.js';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../platform/access/actor.js';
import { type AuditContext, appendAudit, diffFields } from '../../platform/audit/append.js';
import { newApiTokenSecret } from '../../platform/auth/api-tokens.js';
import { hashPassword, verifyPassword } from '../../platform/auth/passwords.js';
import { createSession, deleteUserSessions } from '../../platform/auth/sessions.js';
import { AppError, notFound } from '../../platform/errors.js';

export async function updateProfile(db: Db, ctx: AuditContext, actor: Actor, input: UpdateProfile): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('users')
      .select(['display_name', 'email', 'locale', 'time_zone', 'version'])
      .where('id', '=', actor.userId)
      .executeTakeFirstOrThrow();
    const after = {
      display_name: input.displayName,
      email: input.email,
      locale: input.locale,
      time_zone: input.timeZone,
    };
    const changes = diffFields(before, after);
    if (Object.keys(changes).length === 0) return;
    await trx
      .updateTable('users')
      .set({ ...after, updated_at: Date.now(), version: before.version + 1 })
      .where('id', '=', actor.userId)
      .execute();
    await appendAudit(trx, ctx, {
      action: 'user.profile_updated',
      objectType: 'user',
      objectId: actor.userId,
      objectLabel: actor.username,
      changes,
    });
  });
}

/** Throws password_rejected naming every rule the password breaks. */
export function assertPasswordRules(password: string, username: string, field = 'password'): void {
  const problems = checkPassword(password, username);
  if (problems.length > 0) {
    throw new AppError('password_rejected', `Password rules not met: ${problems.join(', ')}`, {
      errors: problems.map((p) => ({ path: field, message: p })),
    });
  }
}

/**
 * Checks the rules and hashes a new password. Call it before opening a transaction: argon2
 * takes tens of milliseconds, and SQLite holds its one writer for the transaction's length.
 */
export async function preparePassword(password: string, username: string, field = 'password'): Promise<string> {
  assertPasswordRules(password, username, field);
  return hashPassword(password);
}

/**
 * Changes the caller's password, ends every session of theirs and opens a fresh one for
 * this browser, so a stolen session dies with the old password.
 */
export async function changeOwnPassword(
  db: Db,
  config: Config,
  ctx: AuditContext,
  actor: Actor,
  input: { currentPassword: string; newPassword: string; ip: string; userAgent: string | null },
): Promise<{ token: string | null; csrfToken: string | null; expiresAt: number | null }> {
  const user = await db.kysely.selectFrom('users').select(['password_hash']).where('id', '=', actor.userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw new AppError('invalid_credentials', 'The current password is wrong', {
      errors: [{ path: 'currentPassword', message: 'wrong' }],
    });
  }
  const hash = await preparePassword(input.newPassword, actor.username, 'newPassword');
  await db.kysely.transaction().execute(async (trx) => {
    await setPassword(trx, actor.userId, hash, false);
    await appendAudit(trx, ctx, {
      action: 'auth.password_changed',
      objectType: 'user',
      objectId: actor.userId,
      objectLabel: actor.username,
    });
  });
  await deleteUserSessions(db.kysely, actor.userId);
  if (actor.via !== 'session') return { token: null, csrfToken: null, expiresAt: null };
  return createSession(db.kysely, config, { userId: actor.userId, ip: input.ip, userAgent: input.userAgent });
}

export async function setPassword(trx: Transaction<Database>, userId: number, hash: string, mustChange: boolean) {
  const now = Date.now();
  await trx
    .updateTable('users')
    .set((eb) => ({
      password_hash: hash,
      password_changed_at: now,
      must_change_password: mustChange ? 1 : 0,
      updated_at: now,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', userId)
    .execute();
}

export async function createApiToken(trx: Transaction<Database>, ctx: AuditContext, actor: Actor, input: CreateApiToken) {
  const secret = newApiTokenSecret();
  const now = Date.now();
  const row = await trx
    .insertInto('api_tokens')
    .values({
      user_id: actor.userId,
      name: input.name,
      prefix: secret.prefix,
      token_hash: secret.hash,
      created_at: now,
      expires_at: input.expiresInDays ? now + input.expiresInDays * 86_400_000 : null,
    })
    .returning(['id', 'name', 'prefix', 'created_at', 'last_used_at', 'expires_at'])
    .executeTakeFirstOrThrow();
  await appendAudit(trx, ctx, { action: 'token.created', objectType: 'api_token', objectId: row.id, objectLabel: row.name });
  return { row, token: secret.token };
}

export async function revokeApiToken(db: Db, ctx: AuditContext, actor: Actor, id: number): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('api_tokens')
      .set({ revoked_at: Date.now() })
      .where('id', '=', id)
      .where('user_id', '=', actor.userId)
      .where('revoked_at', 'is', null)
      .returning(['id', 'name'])
      .executeTakeFirst();
    if (!row) throw notFound('API token');
    await appendAudit(trx, ctx, { action: 'token.revoked', objectType: 'api_token', objectId: row.id, objectLabel: row.name });
  });
}
