import type { Permission } from '@keel/shared';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { rolePermissions } from '../access/actor.js';
import { visibilityOf } from '../access/visibility.js';
import type { RecordTypeDefinition } from '../records/record-type.js';
import { recordVisibility } from '../records/visibility.js';

/** The record a notification is about, with what deciding who may hear of it needs. */
export type NotifyRecord = {
  id: number;
  type: string;
  /** URL segment of the type, for links. */
  path: string;
  number: string;
  title: string;
  /** Recipients must hold this permission (the type's read permission)… */
  readPermission: Permission;
  /** …or be a customer, when the type is open to customers (row visibility still applies). */
  openToCustomers: boolean;
};

/** What notify needs of a record, from its type and row. */
export function notifyRecordOf(def: RecordTypeDefinition, row: { id: number; number: string; title: string }): NotifyRecord {
  return {
    id: row.id,
    type: def.key,
    path: def.path,
    number: row.number,
    title: row.title,
    readPermission: def.permissions.read,
    openToCustomers: def.customers === true,
  };
}

export type Recipient = { id: number; email: string | null };

/**
 * Of the candidates, those who may hear of the record: active, holding its read permission,
 * staff when the source is internal, and able to see the record under the same row
 * visibility as every record query (a customer of another organisation never learns it exists).
 */
export async function audienceOf(
  trx: Transaction<Database>,
  input: { candidates: readonly number[]; record: NotifyRecord; staffOnly: boolean },
): Promise<Recipient[]> {
  if (input.candidates.length === 0) return [];
  const users = await trx
    .selectFrom('users')
    .select(['id', 'kind', 'organisation_id', 'sees_org_records', 'email'])
    .where('id', 'in', [...input.candidates])
    .where('active', '=', 1)
    .execute();
  if (users.length === 0) return [];
  const roles = await trx
    .selectFrom('user_roles')
    .innerJoin('roles', 'roles.id', 'user_roles.role_id')
    .select(['user_roles.user_id', 'roles.key', 'roles.permissions'])
    .where(
      'user_roles.user_id',
      'in',
      users.map((u) => u.id),
    )
    .execute();
  const mayRead = (userId: number, kind: string) =>
    (kind === 'customer' && input.record.openToCustomers) ||
    roles.some((r) => r.user_id === userId && rolePermissions(r.key, r.permissions).includes(input.record.readPermission));
  const audience: Recipient[] = [];
  for (const user of users) {
    if (!mayRead(user.id, user.kind)) continue;
    if (input.staffOnly && user.kind !== 'staff') continue;
    if (user.kind !== 'staff') {
      const visibility = visibilityOf({
        kind: user.kind,
        userId: user.id,
        organisationId: user.organisation_id,
        seesOrganisationRecords: user.sees_org_records === 1,
      });
      const visible = await trx
        .selectFrom('records')
        .select('id')
        .where('id', '=', input.record.id)
        .where(recordVisibility(visibility))
        .executeTakeFirst();
      if (!visible) continue;
    }
    audience.push({ id: user.id, email: user.email });
  }
  return audience;
}
