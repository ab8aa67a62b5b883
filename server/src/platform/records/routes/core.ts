import {
  createRecordSchema,
  pageSchema,
  recordNumberParamsSchema,
  recordSchema,
  transitionRequestSchema,
  updateRecordSchema,
} from '@keel/shared';
import { visibilityOf } from '../../access/visibility.js';
import { actorOf } from '../../http/authenticate.js';
import { expectedVersion, setEtag } from '../../http/etag.js';
import { idempotentCreate, sendCreated } from '../../http/idempotency.js';
import { auditContext } from '../../http/request-context.js';
import { createRecord, updateRecord } from '../commands.js';
import { filterDescription } from '../filters.js';
import { getRecord, listRecords } from '../queries.js';
import { transitionRecord } from '../transition.js';
import type { RecordFeatureRoutes } from './context.js';

/** List, read, create, update and transition: the record itself. */
export const coreRecordRoutes: RecordFeatureRoutes = (app, { db, def, tags, read, write, withActions, scopeOf, queries }) => {
  app.get(
    `/${def.path}`,
    {
      config: read,
      schema: {
        tags,
        summary: `List ${def.path}`,
        description: filterDescription(queries.fields),
        querystring: queries.list,
        response: { 200: pageSchema(recordSchema) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const page = await listRecords(db.kysely, def, scopeOf(actor), req.query);
      return { items: page.items.map((r) => withActions(r, actor)), nextCursor: page.nextCursor };
    },
  );

  app.get(
    `/${def.path}/:number`,
    {
      config: read,
      schema: { tags, summary: `One of the ${def.path} by number`, params: recordNumberParamsSchema, response: { 200: recordSchema } },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const record = await getRecord(db.kysely, def, visibilityOf(actor), req.params.number);
      setEtag(reply, record.version);
      return withActions(record, actor);
    },
  );

  app.post(
    `/${def.path}`,
    {
      config: write,
      schema: { tags, summary: `Create one of the ${def.path}`, body: createRecordSchema, response: { 201: recordSchema } },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const created = await idempotentCreate(db, req, async (trx) => {
        const number = await createRecord(trx, auditContext(req, db.dialect), def, actor, req.body);
        return withActions(await getRecord(trx, def, visibilityOf(actor), number), actor);
      });
      return sendCreated(reply, created);
    },
  );

  app.patch(
    `/${def.path}/:number`,
    {
      config: write,
      schema: {
        tags,
        summary: `Update one of the ${def.path} (If-Match recommended)`,
        params: recordNumberParamsSchema,
        body: updateRecordSchema,
        response: { 200: recordSchema },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const record = await db.kysely.transaction().execute(async (trx) => {
        // Visibility first: a record the caller may not see is "not found", never "forbidden".
        await getRecord(trx, def, visibilityOf(actor), req.params.number);
        await updateRecord(trx, auditContext(req, db.dialect), def, {
          number: req.params.number,
          expectedVersion: expectedVersion(req),
          patch: req.body,
        });
        return getRecord(trx, def, visibilityOf(actor), req.params.number);
      });
      setEtag(reply, record.version);
      return withActions(record, actor);
    },
  );

  app.post(
    `/${def.path}/:number/transitions`,
    {
      config: write,
      schema: {
        tags,
        summary: `Take a workflow action on one of the ${def.path}; 409 lists the allowed actions`,
        params: recordNumberParamsSchema,
        body: transitionRequestSchema,
        response: { 200: recordSchema },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const record = await db.kysely.transaction().execute(async (trx) => {
        await getRecord(trx, def, visibilityOf(actor), req.params.number);
        await transitionRecord(trx, auditContext(req, db.dialect), def, actor, {
          number: req.params.number,
          action: req.body.action,
          expectedVersion: expectedVersion(req),
        });
        return getRecord(trx, def, visibilityOf(actor), req.params.number);
      });
      setEtag(reply, record.version);
      return withActions(record, actor);
    },
  );
};
