import type { RecordItem } from '@keel/shared';
import type { Kysely, Transaction } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { Database } from '../../db/schema.js';
import { type Actor, can } from '../../platform/access/actor.js';
import { visibilityOf } from '../../platform/access/visibility.js';
import { getRecord } from '../../platform/records/queries.js';
import { workflowOf } from '../../platform/workflow/store.js';
import { allowedTransitions } from '../../platform/workflow/validate.js';
import { INCIDENT_TYPE } from './type.js';

/** The incident as the record routes answer it: with the caller's allowed actions. */
export async function presentIncident(db: Kysely<Database>, actor: Actor, number: string): Promise<RecordItem> {
  const record = await getRecord(db, INCIDENT_TYPE, visibilityOf(actor), number);
  const workflow = await workflowOf(db, INCIDENT_TYPE);
  const mayAct = can(actor, INCIDENT_TYPE.permissions.write) && !actor.readOnly;
  return { ...record, actions: mayAct ? allowedTransitions(workflow, record.state, actor.roles).map((t) => t.key) : [] };
}

/** A command on an incident the caller can see, in one transaction; the answer is the incident as it is afterwards. */
export function commandOnIncident(db: Db, actor: Actor, number: string, command: (trx: Transaction<Database>) => Promise<unknown>) {
  return db.kysely.transaction().execute(async (trx) => {
    await getRecord(trx, INCIDENT_TYPE, visibilityOf(actor), number);
    await command(trx);
    return presentIncident(trx, actor, number);
  });
}
