import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/** The customer a mail was matched to by its From address: who it counts as, never proof that they wrote it. */
export type MailCustomer = { id: number; displayName: string; organisationId: number | null; seesOrganisationRecords: boolean };

/**
 * The one active customer user with this address, or null. Staff are never matched: From is
 * forgeable, and a mail must not gain an agent's rights by naming an agent's address. Two
 * customers sharing an address match neither, rather than the wrong one.
 */
export async function matchCustomer(db: Kysely<Database>, address: string | null): Promise<MailCustomer | null> {
  if (!address) return null;
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'organisation_id', 'sees_org_records'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', address))
    .where('kind', '=', 'customer')
    .where('active', '=', 1)
    .limit(2)
    .execute();
  const [row] = rows;
  if (!row || rows.length > 1) return null;
  return {
    id: row.id,
    displayName: row.display_name,
    organisationId: row.organisation_id,
    seesOrganisationRecords: row.sees_org_records === 1,
  };
}
