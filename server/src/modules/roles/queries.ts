import { PERMISSIONS, type Role } from '@keel/shared';
import type { Kysely } from 'kysely';
import type { Database, RoleRow } from '../../db/schema.js';
import { bool } from '../../db/time.js';
import { parsePermissions } from '../../platform/access/actor.js';
import { notFound } from '../../platform/errors.js';

export function presentRole(row: RoleRow): Role {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    description: row.description,
    builtIn: bool(row.built_in),
    permissions: row.key === 'administrator' ? [...PERMISSIONS] : parsePermissions(row.permissions),
    version: row.version,
  };
}

// Roles are few (built-ins plus an administrator's own): one bounded list, no paging needed.
export const MAX_ROLES = 500;

export async function listRoles(db: Kysely<Database>): Promise<Role[]> {
  const rows = await db.selectFrom('roles').selectAll().orderBy('built_in', 'desc').orderBy('id').limit(MAX_ROLES).execute();
  return rows.map(presentRole);
}

export async function getRole(db: Kysely<Database>, id: number): Promise<Role> {
  const row = await db.selectFrom('roles').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('role');
  return presentRole(row);
}
