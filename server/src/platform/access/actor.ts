import { isReadPermission, PERMISSIONS, type Permission, READ_ONLY_ROLES } from '@keel/shared';
import type { Db } from '../../db/connect.js';
import { AppError } from '../errors.js';
import { type ActorRow, queryActorRow } from './actor-store.js';

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

/** What one role grants: the administrator holds every permission, including ones added after its row was seeded. */
export function rolePermissions(roleKey: string, permissionsJson: string): readonly Permission[] {
  return roleKey === 'administrator' ? PERMISSIONS : parsePermissions(permissionsJson);
}

/** Builds the actor from the one-query row; null when the user is disabled. */
export function actorFromRow(row: ActorRow, via: Pick<Actor, 'via' | 'csrfToken' | 'sessionIdHash'>): Actor | null {
  if (row.active !== 1) return null;
  const roles: unknown = JSON.parse(row.roles);
  const roleKeys: string[] = [];
  const permissions = new Set<Permission>();
  if (Array.isArray(roles)) {
    for (const entry of roles) {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string' || typeof entry[1] !== 'string') continue;
      roleKeys.push(entry[0]);
      for (const p of rolePermissions(entry[0], entry[1])) permissions.add(p);
    }
  }
  roleKeys.sort();
  return {
    userId: row.id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    kind: row.kind,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    seesOrganisationRecords: row.sees_org_records === 1,
    roles: roleKeys,
    permissions,
    readOnly: roleKeys.length > 0 && roleKeys.every((k) => (READ_ONLY_ROLES as readonly string[]).includes(k)),
    locale: row.locale,
    timeZone: row.time_zone,
    mustChangePassword: row.must_change_password === 1,
    ...via,
  };
}

/** Loads an active user with roles and permissions; null when the user is gone or disabled. */
export async function loadActor(db: Db, userId: number, via: Pick<Actor, 'via' | 'csrfToken' | 'sessionIdHash'>): Promise<Actor | null> {
  const row = await queryActorRow(db, 'user', userId);
  return row ? actorFromRow(row, via) : null;
}

export function can(actor: Pick<Actor, 'permissions'>, permission: Permission): boolean {
  return actor.permissions.has(permission);
}

/** Deny by default: throws 403 unless the actor holds the permission (and may write, for writes). */
export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw new AppError('forbidden', `Requires the permission ${permission}`);
  if (actor.readOnly && !isReadPermission(permission)) throw new AppError('forbidden', 'Your role is read-only');
}
