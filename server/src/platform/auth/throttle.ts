import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import type { Database } from '../../db/schema.js';

/**
 * Failed sign-ins are counted in the database (so every Keel process sees them) per
 * username and per client address, in a sliding-start window; reaching the limit locks
 * that key for a while. Keys for unknown usernames count exactly like known ones.
 */
export const userKey = (usernameKey: string) => `u:${usernameKey}`;
export const ipKey = (ip: string) => `ip:${ip}`;

export type ThrottleState = { lockedForSeconds: number; key: string } | null;

export async function checkThrottle(db: Kysely<Database>, keys: string[]): Promise<ThrottleState> {
  const now = Date.now();
  const rows = await db
    .selectFrom('login_attempts')
    .select(['key', 'locked_until'])
    .where('key', 'in', keys)
    .where('locked_until', '>', now)
    .execute();
  const longest = rows.reduce<ThrottleState>((worst, row) => {
    const seconds = Math.ceil(((row.locked_until ?? now) - now) / 1000);
    return worst && worst.lockedForSeconds >= seconds ? worst : { lockedForSeconds: seconds, key: row.key };
  }, null);
  return longest;
}

/** Counts one failure against a key; returns true when this failure locked it. */
export async function recordFailure(db: Kysely<Database>, config: Config, key: string, limit: number): Promise<boolean> {
  const now = Date.now();
  const windowStart = now - config.login.windowMinutes * 60_000;
  const row = await db
    .insertInto('login_attempts')
    .values({ key, failures: 1, window_start: now, locked_until: null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        failures: eb
          .case()
          .when('login_attempts.window_start', '<', windowStart)
          .then(1)
          .else(eb('login_attempts.failures', '+', 1))
          .end(),
        window_start: eb
          .case()
          .when('login_attempts.window_start', '<', windowStart)
          .then(now)
          .else(eb.ref('login_attempts.window_start'))
          .end(),
      })),
    )
    .returning(['failures', 'locked_until'])
    .executeTakeFirstOrThrow();
  if (row.failures >= limit) {
    await db
      .updateTable('login_attempts')
      .set({ locked_until: now + config.login.lockMinutes * 60_000, failures: 0, window_start: now })
      .where('key', '=', key)
      .execute();
    return true;
  }
  return false;
}

export async function clearFailures(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('key', '=', key).execute();
}

export async function unlockUser(db: Kysely<Database>, usernameKey: string): Promise<void> {
  await clearFailures(db, userKey(usernameKey));
}
