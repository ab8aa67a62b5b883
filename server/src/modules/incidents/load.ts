import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { notFound } from '../../platform/errors.js';

/** An incident with its own fields; writes compare `version` so a race loses with 412. */
export async function loadIncident(trx: Kysely<Database>, number: string) {
  const row = await trx
    .selectFrom('records')
    .innerJoin('incident_ext', 'incident_ext.record_id', 'records.id')
    .selectAll('records')
    .select([
      'incident_ext.major',
      'incident_ext.escalation_level',
      'incident_ext.major_manager_id',
      'incident_ext.update_interval_minutes',
      'incident_ext.next_update_due',
    ])
    .where('records.type', '=', 'incident')
    .where('records.number', '=', number)
    .executeTakeFirst();
  if (!row) throw notFound('incident');
  return row;
}
