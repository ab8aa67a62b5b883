import type { User } from '@keel/shared';
import { bool, iso, isoOrNull } from '../../db/time.js';

export type UserListRow = {
  id: number;
  username: string;
  display_name: string;
  email: string | null;
  phone: string | null;
  kind: 'staff' | 'customer';
  organisation_id: number | null;
  organisation_name: string | null;
  sees_org_records: number;
  manager_id: number | null;
  manager_name: string | null;
  locale: 'zh-CN' | 'en';
  time_zone: string;
  active: number;
  created_at: number;
  updated_at: number;
  version: number;
};

export function presentUser(row: UserListRow, roles: string[], lockedUntil: number | null): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    phone: row.phone,
    kind: row.kind,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    seesOrganisationRecords: bool(row.sees_org_records),
    managerId: row.manager_id,
    managerName: row.manager_name,
    roles,
    locale: row.locale,
    timeZone: row.time_zone,
    active: bool(row.active),
    lockedUntil: isoOrNull(lockedUntil),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    version: row.version,
  };
}
