import { createLinkSchema, idSchema, recordLinkSchema, recordNumberParamsSchema } from '@keel/shared';
import { z } from 'zod';
import { visibilityOf } from '../../access/visibility.js';
import { actorOf } from '../../http/authenticate.js';
import { idempotentCreate, sendCreated } from '../../http/idempotency.js';
import { auditContext } from '../../http/request-context.js';
import { createLink, deleteLink, listLinks } from '../links.js';
import { getRecord } from '../queries.js';
import type { RecordFeatureRoutes } from './context.js';

/** Typed links to other records, seen from both ends. */
export const linkRoutes: RecordFeatureRoutes = (app, { db, def, types, tags, write, customerRead }) => {
  app.get(
    `/${def.path}/:number/links`,
    {
      config: customerRead,
      schema: {
        tags,
        summary: `Links of one of the ${def.path}, both ways`,
        params: recordNumberParamsSchema,
        response: { 200: z.object({ items: z.array(recordLinkSchema) }) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const record = await getRecord(db.kysely, def, visibilityOf(actor), req.params.number);
      return { items: await listLinks(db.kysely, record.id, actor, types) };
    },
  );

  app.post(
    `/${def.path}/:number/links`,
    {
      config: write,
      schema: {
        tags,
        summary: `Link one of the ${def.path} to another record the caller can see`,
        params: recordNumberParamsSchema,
        body: createLinkSchema,
        response: { 201: z.object({ items: z.array(recordLinkSchema) }) },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const created = await idempotentCreate(db, req, async (trx) => {
        const record = await getRecord(trx, def, visibilityOf(actor), req.params.number);
        await createLink(trx, auditContext(req, db.dialect), record, actor, types, req.body);
        return { items: await listLinks(trx, record.id, actor, types) };
      });
      return sendCreated(reply, created);
    },
  );

  app.delete(
    `/${def.path}/:number/links/:linkId`,
    { config: write, schema: { tags, summary: 'Remove a link', params: recordNumberParamsSchema.extend({ linkId: idSchema }) } },
    async (req, reply) => {
      const actor = actorOf(req);
      await db.kysely.transaction().execute(async (trx) => {
        const record = await getRecord(trx, def, visibilityOf(actor), req.params.number);
        await deleteLink(trx, auditContext(req, db.dialect), record, req.params.linkId);
      });
      return reply.status(204).send();
    },
  );
};
