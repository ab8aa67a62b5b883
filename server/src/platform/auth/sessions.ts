import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import type { Db } from '../../db/connect.js';
import type { Database } from '../../db/schema.js';
import { type Actor, actorFromRow } from '../access/actor.js';
import { queryActorRow } from '../access/actor-store.js';
import { randomToken, sha256 } from './secrets.js';

export const SESSION_COOKIE = 'keel_session';
// Writing last_seen_at on every request would make each read a write; a minute's slack is enough.
const TOUCH_AFTER_MS = 60_000;

export async function createSession(
  db: Kysely<Database>,
  config: Config,
  input: { userId: number; ip: string | null; userAgent: string | null },
): Promise<{ token: string; csrfToken: string; expiresAt: number }> {
  const token = randomToken();
  const csrfToken = randomToken();
  const now = Date.now();
  const expiresAt = now + config.session.absoluteHours * 3_600_000;
  await db
    .insertInto('sessions')
    .values({
      id_hash: sha256(token),
      user_id: input.userId,
      csrf_token: csrfToken,
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
      ip: input.ip,
      user_agent: input.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

export type SessionLookup = { status: 'valid'; actor: Actor } | { status: 'expired' } | { status: 'unknown' };

/**
 * Finds the live session and its user in one query; an idle or past-absolute session is
 * deleted and reported as expired, a disabled user's session as unknown.
 */
export async function findSessionActor(db: Db, config: Config, token: string): Promise<SessionLookup> {
  const idHash = sha256(token);
  const row = await queryActorRow(db, 'session', idHash);
  if (!row || row.session_last_seen_at === null || row.session_expires_at === null) return { status: 'unknown' };
  const now = Date.now();
  if (row.session_expires_at <= now || row.session_last_seen_at + config.session.idleMinutes * 60_000 <= now) {
    await db.kysely.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    return { status: 'expired' };
  }
  if (now - row.session_last_seen_at > TOUCH_AFTER_MS) {
    await db.kysely.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
  }
  const actor = actorFromRow(row, { via: 'session', csrfToken: row.session_csrf_token, sessionIdHash: idHash });
  return actor ? { status: 'valid', actor } : { status: 'unknown' };
}

export async function deleteSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', sha256(token)).execute();
}

/** Ends every session of a user (sign-out everywhere, password change, deactivation). */
export async function deleteUserSessions(db: Kysely<Database>, userId: number, exceptIdHash?: string): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptIdHash) query = query.where('id_hash', '!=', exceptIdHash);
  await query.execute();
}

export async function purgeExpiredSessions(db: Kysely<Database>, config: Config): Promise<void> {
  const now = Date.now();
  await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', now - config.session.idleMinutes * 60_000)]))
    .execute();
}
