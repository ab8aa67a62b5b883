import type { Config } from '../../config.js';
import type { Db } from '../../db/connect.js';
import { type AuditContext, appendAudit } from '../audit/append.js';
import { AppError } from '../errors.js';
import { verifyPassword } from './passwords.js';
import { createSession, deleteSession } from './sessions.js';
import { checkThrottle, clearFailures, ipKey, recordFailure, userKey } from './throttle.js';

export type SignInInput = {
  username: string;
  password: string;
  ip: string;
  userAgent: string | null;
  /** A session token the browser already had: it is destroyed, never promoted (no fixation). */
  previousToken: string | undefined;
};

export async function signIn(
  db: Db,
  config: Config,
  ctx: AuditContext,
  input: SignInInput,
): Promise<{ userId: number; token: string; csrfToken: string; expiresAt: number }> {
  const usernameKey = input.username.trim().toLowerCase();
  const keys = [userKey(usernameKey), ipKey(input.ip)];
  const throttled = await checkThrottle(db.kysely, keys);
  if (throttled) {
    const code = throttled.key.startsWith('u:') ? 'account_locked' : 'too_many_requests';
    throw new AppError(code, undefined, { retryAfterSeconds: throttled.lockedForSeconds });
  }
  const user = await db.kysely
    .selectFrom('users')
    .select(['id', 'username', 'password_hash', 'active'])
    .where('username_key', '=', usernameKey)
    .executeTakeFirst();
  const valid = await verifyPassword(user?.password_hash ?? null, input.password);
  if (!valid || !user) {
    await failSignIn(db, config, ctx, usernameKey, input.ip, user?.id ?? null);
    throw new AppError('invalid_credentials');
  }
  if (user.active !== 1) throw new AppError('account_disabled');
  // One transaction (one disk sync) for everything a successful sign-in writes.
  const session = await db.kysely.transaction().execute(async (trx) => {
    await clearFailures(trx, userKey(usernameKey));
    if (input.previousToken) await deleteSession(trx, input.previousToken);
    const created = await createSession(trx, config, { userId: user.id, ip: input.ip, userAgent: input.userAgent });
    await appendAudit(
      trx,
      { ...ctx, actorId: user.id, actorName: user.username },
      { action: 'auth.login', objectType: 'user', objectId: user.id, objectLabel: user.username },
    );
    return created;
  });
  return { userId: user.id, ...session };
}

async function failSignIn(db: Db, config: Config, ctx: AuditContext, usernameKey: string, ip: string, userId: number | null) {
  const locked = await recordFailure(db.kysely, config, userKey(usernameKey), config.login.maxFailures);
  await recordFailure(db.kysely, config, ipKey(ip), config.login.maxFailuresPerIp);
  await db.kysely.transaction().execute(async (trx) => {
    // The attempted name is recorded as typed (trimmed, bounded): it is evidence, not a secret.
    const label = usernameKey.slice(0, 64);
    await appendAudit(trx, ctx, { action: 'auth.login_failed', objectType: 'user', objectId: userId, objectLabel: label });
    if (locked) await appendAudit(trx, ctx, { action: 'auth.locked', objectType: 'user', objectId: userId, objectLabel: label });
  });
}
