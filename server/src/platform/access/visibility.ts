import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from './actor.js';

/**
 * Row visibility, enforced inside queries so a customer's query can never return another
 * organisation's rows. Each record type turns a Visibility into a filter on its own
 * requester and organisation columns; staff see everything their permissions allow.
 */
export type Visibility =
  | { scope: 'all' }
  | { scope: 'organisation'; organisationId: number; userId: number }
  | { scope: 'own'; userId: number };

export function visibilityOf(actor: Pick<Actor, 'kind' | 'seesOrganisationRecords' | 'organisationId' | 'userId'>): Visibility {
  if (actor.kind === 'staff') return { scope: 'all' };
  if (actor.seesOrganisationRecords && actor.organisationId !== null) {
    return { scope: 'organisation', organisationId: actor.organisationId, userId: actor.userId };
  }
  return { scope: 'own', userId: actor.userId };
}

/** Users a caller may see: staff with users.read see all; a customer sees their colleagues (if allowed) and themself. */
export function userVisibility(visibility: Visibility) {
  return (eb: ExpressionBuilder<Database, 'users'>) => {
    if (visibility.scope === 'all') return eb.lit(true);
    if (visibility.scope === 'own') return eb('users.id', '=', visibility.userId);
    return eb.or([eb('users.id', '=', visibility.userId), eb('users.organisation_id', '=', visibility.organisationId)]);
  };
}
