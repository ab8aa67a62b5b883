import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Visibility } from '../access/visibility.js';

/** Row visibility for records: a customer's query can only ever return their own or their organisation's. */
export function recordVisibility(visibility: Visibility) {
  return (eb: ExpressionBuilder<Database, 'records'>) => {
    if (visibility.scope === 'all') return eb.lit(true);
    if (visibility.scope === 'own') return eb('records.requester_id', '=', visibility.userId);
    return eb.or([eb('records.requester_id', '=', visibility.userId), eb('records.organisation_id', '=', visibility.organisationId)]);
  };
}
