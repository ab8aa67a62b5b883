import { isReadPermission, PERMISSIONS, type Permission, READ_ONLY_ROLES } from '@keel/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError } from '../errors.js';

/** The authenticated caller, loaded once per request. */
export type Actor = {
  userId: number;
  username: string;
  displayName: string;
  email: string | null;
  kind: 'staff' | 'customer';
  organisationId: number | null;
  organisationName: string | null;
  seesOrganisationRecords: boolean;
  roles: string[];
  permissions: ReadonlySet<Permission>;
  /** Holds only read-only roles (auditor): no write anywhere but their own profile. */
  readOnly: boolean;
  locale: 'zh-CN' | 'en';
  timeZone: string;
  mustChangePassword: boolean;
  via: 'session' | 'token';
  csrfToken: string | null;
  sessionIdHash: string | null;
};

const KNOWN = new Set<string>(PERMISSIONS);

export function parsePermissions(json: string): Permission[] {
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed)) return [];
  return parsed.filter((p): p is Permission => typeof p === 'string' && KNOWN.has(p));
}

/** Loads an active user with roles and permissions; null when the user is gone or disabled. */
export async function loadActor(
  db: Kysely<Database>,
  userId: number,
  via: Pick<Actor, 'via' | 'csrfToken' | 'sessionIdHash'>,
): Promise<Actor | null> {
  const user = await db
    .selectFrom('users')
    .leftJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.email',
      'users.kind',
      'users.organisation_id',
      'organisations.name as organisation_name',
      'users.sees_org_records',
      'users.locale',
      'users.time_zone',
      'users.active',
      'users.must_change_password',
    ])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (user?.active !== 1) return null;
  const roles = await db
    .selectFrom('user_roles')
    .innerJoin('roles', 'roles.id', 'user_roles.role_id')
    .select(['roles.key', 'roles.permissions'])
    .where('user_roles.user_id', '=', userId)
    .execute();
  const permissions = new Set<Permission>();
  // A customer's permissions come from the customer role only; staff roles never leak to them.
  for (const role of roles) for (const p of parsePermissions(role.permissions)) permissions.add(p);
  const roleKeys = roles.map((r) => r.key);
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    email: user.email,
    kind: user.kind,
    organisationId: user.organisation_id,
    organisationName: user.organisation_name,
    seesOrganisationRecords: user.sees_org_records === 1,
    roles: roleKeys,
    permissions,
    readOnly: roleKeys.length > 0 && roleKeys.every((k) => (READ_ONLY_ROLES as readonly string[]).includes(k)),
    locale: user.locale,
    timeZone: user.time_zone,
    mustChangePassword: user.must_change_password === 1,
    ...via,
  };
}

export function can(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}

/** Deny by default: throws 403 unless the actor holds the permission (and may write, for writes). */
export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw new AppError('forbidden', `Requires the permission ${permission}`);
  if (actor.readOnly && !isReadPermission(permission)) throw new AppError('forbidden', 'Your role is read-only');
}
