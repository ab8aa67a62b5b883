import {
  autoCloseSettingSchema,
  autoCloseSettingViewSchema,
  escalateIncidentSchema,
  knownErrorSuggestionsSchema,
  knownErrorSuggestQuerySchema,
  recordNumberParamsSchema,
  recordSchema,
} from '@keel/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/connect.js';
import { actorOf } from '../../platform/http/authenticate.js';
import { expectedVersion, setEtag } from '../../platform/http/etag.js';
import { auditContext } from '../../platform/http/request-context.js';
import { readAutoClose, saveAutoClose } from './auto-close.js';
import { escalateIncident } from './escalate.js';
import { suggestKnownErrors } from './known-errors.js';
import { majorIncidentRoutes } from './major-routes.js';
import { commandOnIncident } from './present.js';

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
        const record = await commandOnIncident(db, actor, req.params.number, (trx) =>
          escalateIncident(trx, auditContext(req, db.dialect), actor, {
            number: req.params.number,
            expectedVersion: expectedVersion(req),
            body: req.body,
          }),
        );
        setEtag(reply, record.version);
        return record;
      },
    );

    app.get(
      '/known-errors/suggest',
      {
        config: { permission: 'incidents.read' },
        schema: {
          tags,
          summary: 'Known errors that may match what is being typed (at least 3 characters); filled by problem management',
          querystring: knownErrorSuggestQuerySchema,
          response: { 200: knownErrorSuggestionsSchema },
        },
      },
      async (req) => ({ items: await suggestKnownErrors(db.kysely, actorOf(req), req.query.q) }),
    );

    app.get(
      '/settings/incident-auto-close',
      {
        config: { permission: 'incidents.read' },
        schema: {
          tags,
          summary: 'Calendar days a resolved incident waits for the customer before it closes by itself',
          response: { 200: autoCloseSettingViewSchema },
        },
      },
      async (_req, reply) => {
        const setting = await readAutoClose(db.kysely);
        setEtag(reply, setting.version);
        return setting;
      },
    );

    app.put(
      '/settings/incident-auto-close',
      {
        config: { permission: 'records.configure' },
        schema: {
          tags,
          summary: 'Change the auto-close delay (1–30 calendar days)',
          body: autoCloseSettingSchema,
          response: { 200: autoCloseSettingViewSchema },
        },
      },
      async (req, reply) => {
        const setting = await db.kysely.transaction().execute(async (trx) => {
          await saveAutoClose(trx, auditContext(req, db.dialect), { expectedVersion: expectedVersion(req), body: req.body });
          return readAutoClose(trx);
        });
        setEtag(reply, setting.version);
        return setting;
      },
    );

    majorIncidentRoutes(app, db);
  };
}
