import { z } from 'zod';

/**
 * Every permission Keel checks. Deny by default: a route names the permission it needs and
 * a caller without it gets 403. Later modules add their own entries here, in one catalogue,
 * so the role editor always lists everything that exists.
 */
export const PERMISSIONS = [
  'users.read',
  'users.manage',
  'organisations.read',
  'organisations.manage',
  'groups.read',
  'groups.manage',
  'roles.read',
  'roles.manage',
  'audit.read',
  'audit.export',
  'audit.verify',
  'calendars.read',
  'calendars.manage',
  'tasks.read',
  'tasks.manage',
  'incidents.read',
  'incidents.manage',
  'requests.read',
  'requests.manage',
  'ratings.read',
  'records.configure',
  'sla.read',
  'sla.manage',
  'views.manage',
  'services.read',
  'services.manage',
  'improvements.read',
  'improvements.manage',
] as const;

export type Permission = (typeof PERMISSIONS)[number];
export const permissionSchema = z.enum(PERMISSIONS);

export const BUILT_IN_ROLES = [
  'administrator',
  'service_manager',
  'agent',
  'change_manager',
  'cab_member',
  'problem_manager',
  'security_officer',
  'auditor',
  'customer',
] as const;
export type BuiltInRole = (typeof BUILT_IN_ROLES)[number];

const READ_ALL: Permission[] = PERMISSIONS.filter((p) => p.endsWith('.read'));
const STAFF_DIRECTORY: Permission[] = ['users.read', 'organisations.read', 'groups.read', 'calendars.read', 'services.read'];
const STAFF_WORK: Permission[] = [
  ...STAFF_DIRECTORY,
  'tasks.read',
  'tasks.manage',
  'incidents.read',
  'incidents.manage',
  'sla.read',
  // Service requests (P-6.1) are worked by the same staff as incidents, who also read satisfaction figures.
  'requests.read',
  'requests.manage',
  'ratings.read',
  'improvements.read',
];

/** Permissions each built-in role starts with; an administrator may change all but administrator's. */
export const BUILT_IN_ROLE_PERMISSIONS: Record<BuiltInRole, Permission[]> = {
  administrator: [...PERMISSIONS],
  service_manager: [
    ...STAFF_WORK,
    'organisations.manage',
    'groups.manage',
    'calendars.manage',
    'records.configure',
    'sla.manage',
    'services.manage',
    'improvements.manage',
    'roles.read',
    'audit.read',
    'views.manage',
  ],
  agent: STAFF_WORK,
  change_manager: STAFF_WORK,
  cab_member: STAFF_WORK,
  problem_manager: STAFF_WORK,
  security_officer: [...STAFF_WORK, 'roles.read', 'audit.read', 'audit.export', 'audit.verify'],
  auditor: [...READ_ALL, 'audit.export', 'audit.verify'],
  customer: [],
};

/** Roles that may never write, whatever permissions an administrator gives them. */
export const READ_ONLY_ROLES: readonly BuiltInRole[] = ['auditor'];

/** Permissions that change nothing: reading, exporting and verifying. Read-only roles hold only these. */
export function isReadPermission(permission: Permission): boolean {
  return permission.endsWith('.read') || permission === 'audit.export' || permission === 'audit.verify';
}
