import { escalateIncidentSchema, type RecordItem, recordNumberParamsSchema, recordSchema } from '@keel/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { Database } from '../../db/schema.js';
import { type Actor, can } from '../../platform/access/actor.js';
import { visibilityOf } from '../../platform/access/visibility.js';
import { actorOf } from '../../platform/http/authenticate.js';
import { expectedVersion, setEtag } from '../../platform/http/etag.js';
import { auditContext } from '../../platform/http/request-context.js';
import { getRecord } from '../../platform/records/queries.js';
import type { RecordTypeDefinition } from '../../platform/records/record-type.js';
import { workflowOf } from '../../platform/workflow/store.js';
import { allowedTransitions } from '../../platform/workflow/validate.js';
import { escalateIncident } from './escalate.js';
import { INCIDENT_TYPE } from './type.js';

const tags = ['incidents'];
const manage = { permission: 'incidents.manage' } as const;

/** The incident as the record routes answer it: with the caller's allowed actions. */
export async function presentIncident(db: Kysely<Database>, actor: Actor, number: string): Promise<RecordItem> {
  const record = await getRecord(db, INCIDENT_TYPE, visibilityOf(actor), number);
  const workflow = await workflowOf(db, INCIDENT_TYPE);
  const mayAct = can(actor, INCIDENT_TYPE.permissions.write) && !actor.readOnly;
  return { ...record, actions: mayAct ? allowedTransitions(workflow, record.state, actor.roles).map((t) => t.key) : [] };
}

/** Escalation (P-6.1): functional to another group, hierarchical to the lead and service management. */
export function incidentRoutes(db: Db, types: readonly RecordTypeDefinition[]) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.post(
      '/incidents/:number/escalate',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Escalate an incident: functional (to another group) or hierarchical (to the group lead and service management)',
          params: recordNumberParamsSchema,
          body: escalateIncidentSchema,
          response: { 200: recordSchema },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const record = await db.kysely.transaction().execute(async (trx) => {
          await getRecord(trx, INCIDENT_TYPE, visibilityOf(actor), req.params.number);
          await escalateIncident(trx, auditContext(req, db.dialect), actor, {
            number: req.params.number,
            expectedVersion: expectedVersion(req),
            body: req.body,
          });
          return presentIncident(trx, actor, req.params.number);
        });
        setEtag(reply, record.version);
        return record;
      },
    );
  };
}
