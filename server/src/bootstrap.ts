import { checkPassword } from '@keel/shared';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import type { Db } from './db/connect.js';
import { assertDurable } from './db/durability.js';
import { migrateToLatest } from './db/migrate.js';
import { seedBuiltInRoles } from './modules/roles/commands.js';
import { appendAudit } from './platform/audit/append.js';
import { hashPassword } from './platform/auth/passwords.js';
import { randomToken } from './platform/auth/secrets.js';

type Log = Pick<FastifyBaseLogger, 'info' | 'warn'>;

/** Schema and built-in roles, always; safe to repeat and to run from several processes. */
export async function prepareDatabase(db: Db): Promise<string[]> {
  await assertDurable(db);
  const applied = await migrateToLatest(db);
  await seedBuiltInRoles(db.kysely);
  return applied;
}

export type AdminResult = { created: boolean; username: string; generatedPassword: string | null };

/**
 * Creates the administrator account `username` unless it exists. The password comes from
 * the caller (KEEL_ADMIN_PASSWORD) or is generated, returned once and never stored in clear.
 */
export async function ensureAdmin(db: Db, config: Config, input: { username?: string; password: string | null }): Promise<AdminResult> {
  const username = input.username ?? 'admin';
  const existing = await db.kysely.selectFrom('users').select('id').where('username_key', '=', username.toLowerCase()).executeTakeFirst();
  if (existing) return { created: false, username, generatedPassword: null };
  const generated = input.password ? null : `${randomToken(12)}-Kx9`;
  const password = input.password ?? generated ?? '';
  const problems = checkPassword(password, username);
  if (problems.length > 0) throw new Error(`The administrator password breaks the password rules: ${problems.join(', ')}`);
  const hash = await hashPassword(password);
  await db.kysely.transaction().execute(async (trx) => {
    const role = await trx.selectFrom('roles').select('id').where('key', '=', 'administrator').executeTakeFirstOrThrow();
    const now = Date.now();
    const user = await trx
      .insertInto('users')
      .values({
        username,
        username_key: username.toLowerCase(),
        display_name: config.defaultLocale === 'zh-CN' ? '系统管理员' : 'Administrator',
        email: null,
        phone: null,
        kind: 'staff',
        organisation_id: null,
        sees_org_records: 0,
        locale: config.defaultLocale,
        time_zone: config.defaultTimeZone,
        active: 1,
        password_hash: hash,
        password_changed_at: now,
        must_change_password: 0,
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .onConflict((oc) => oc.column('username_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    // Another process created it first: nothing to do.
    if (!user) return;
    await trx.insertInto('user_roles').values({ user_id: user.id, role_id: role.id }).execute();
    await appendAudit(
      trx,
      { actorId: null, actorName: 'system', ip: null, requestId: null, dialect: db.dialect },
      { action: 'system.admin_created', objectType: 'user', objectId: user.id, objectLabel: username },
    );
  });
  return { created: true, username, generatedPassword: generated };
}

export function announceAdmin(result: AdminResult, log: Log, print: (line: string) => void): void {
  if (!result.created) return;
  if (result.generatedPassword) {
    // Printed once to the console (never to the JSON log), as the first-run instructions promise.
    print(
      `\n  Keel created the administrator "${result.username}" with the password: ${result.generatedPassword}\n  Sign in and change it now; it is not shown again.\n`,
    );
  } else {
    log.info({ username: result.username }, 'administrator created with the password from KEEL_ADMIN_PASSWORD');
  }
}
