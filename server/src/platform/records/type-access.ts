import { type Actor, can } from '../access/actor.js';
import type { RecordTypeDefinition } from './record-type.js';

/** Whether the caller may read records of a type at all (rows are still limited by visibility): staff by permission, customers where the type is open to them. */
export function mayReadType(actor: Pick<Actor, 'kind' | 'permissions'>, def: RecordTypeDefinition): boolean {
  return can(actor, def.permissions.read) || (actor.kind === 'customer' && def.customers === true);
}
