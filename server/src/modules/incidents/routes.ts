import { escalateIncidentSchema, recordNumberParamsSchema, recordSchema } from '@keel/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/connect.js';
import { visibilityOf } from '../../platform/access/visibility.js';
import { actorOf } from '../../platform/http/authenticate.js';
import { expectedVersion, setEtag } from '../../platform/http/etag.js';
import { auditContext } from '../../platform/http/request-context.js';
import { getRecord } from '../../platform/records/queries.js';
import { escalateIncident } from './escalate.js';
import { majorIncidentRoutes } from './major-routes.js';
import { presentIncident } from './present.js';
import { INCIDENT_TYPE } from './type.js';

const tags = ['incidents'];
const manage = { permission: 'incidents.manage' } as const;

/** The incident process's own endpoints: escalation (functional, hierarchical) here, major incidents in major-routes.ts. */
export function incidentRoutes(db: Db) {
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

    majorIncidentRoutes(app, db);
  };
}
