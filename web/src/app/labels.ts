import { AUDIT_ACTIONS, type AuditAction, BUILT_IN_ROLES, type BuiltInRole, catalogues, PERMISSIONS, type Permission } from '@keel/shared';
import { useTranslation } from 'react-i18next';

export function isBuiltInRole(key: string): key is BuiltInRole {
  return BUILT_IN_ROLES.some((role) => role === key);
}

export function isAuditAction(action: string): action is AuditAction {
  return AUDIT_ACTIONS.some((a) => a === action);
}

type DomainOf<P> = P extends `${infer D}.${string}` ? D : never;
export type PermissionDomain = DomainOf<Permission>;
// Fails to compile when a permission domain has no label in the catalogue.
const domainLabels: Record<PermissionDomain, string> = catalogues.en.permissionDomains;

export function isPermissionDomain(value: string): value is PermissionDomain {
  return Object.hasOwn(domainLabels, value);
}

/** Permissions grouped by domain, in catalogue order, for the role editor. */
export function permissionsByDomain(): { domain: PermissionDomain; permissions: Permission[] }[] {
  const groups: { domain: PermissionDomain; permissions: Permission[] }[] = [];
  for (const permission of PERMISSIONS) {
    const domain = permission.split('.')[0] ?? '';
    if (!isPermissionDomain(domain)) continue;
    const group = groups.find((g) => g.domain === domain);
    if (group) group.permissions.push(permission);
    else groups.push({ domain, permissions: [permission] });
  }
  return groups;
}

export const OBJECT_TYPES = ['user', 'organisation', 'group', 'role', 'api_token', 'audit', 'system'] as const;
type ObjectType = (typeof OBJECT_TYPES)[number];
const isObjectType = (value: string): value is ObjectType => OBJECT_TYPES.some((o) => o === value);

/**
 * Translated names for catalogue values. The template-literal keys are checked against
 * the catalogue, so adding a permission, audit action or built-in role without its
 * label fails the type check.
 */
export function useLabels() {
  const { t } = useTranslation();
  return {
    role: (key: string, name?: string) => (isBuiltInRole(key) ? t(`roles.builtIn.${key}`) : (name ?? key)),
    permission: (permission: Permission) => t(`permissions.${permission}`),
    domain: (domain: PermissionDomain) => t(`permissionDomains.${domain}`),
    action: (action: string) => (isAuditAction(action) ? t(`audit.actions.${action}`) : action),
    objectType: (type: string) => (isObjectType(type) ? t(`audit.objectTypes.${type}`) : type),
  };
}
