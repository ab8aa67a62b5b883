import { type CreateRecord, pageSchema, recordNumberParamsSchema, recordSchema, transitionRequestSchema } from '@keel/shared';
import { visibilityOf } from '../../access/visibility.js';
import { actorOf } from '../../http/authenticate.js';
import { expectedVersion, setEtag } from '../../http/etag.js';
import { idempotentCreate, sendCreated } from '../../http/idempotency.js';
import { auditContext } from '../../http/request-context.js';
import { workflowOf } from '../../workflow/store.js';
import { createRecord, updateRecord } from '../commands.js';
import { fieldsOfType } from '../custom-fields/definitions.js';
import { checkCustomFilters, customFilterTargets } from '../custom-fields/filters.js';
import { assertKnownStates, filterDescription } from '../filters.js';
import { getRecord, listRecords } from '../queries.js';
import { transitionRecord } from '../transition.js';
import type { RecordFeatureRoutes } from './context.js';

/** List, read, create, update and transition: the record itself. */
export const coreRecordRoutes: RecordFeatureRoutes = (
  app,
  { db, def, types, tags, write, withActions, bodies, scopeOf, queries, customerRead, customerWrite },
) => {
  app.get(
    `/${def.path}`,
    {
      config: customerRead,
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
      const [workflow, fields] = await Promise.all([workflowOf(db.kysely, def), fieldsOfType(db.kysely, def.key)]);
      assertKnownStates(req.query.filters, workflow);
      const filters = checkCustomFilters(req.query.filters, fields, actor.userId);
      const page = await listRecords(db.kysely, def, scopeOf(actor), { ...req.query, filters }, customFilterTargets(fields));
      return { items: page.items.map((r) => withActions(r, actor, workflow)), nextCursor: page.nextCursor };
    },
  );

  app.get(
    `/${def.path}/:number`,
    {
      config: customerRead,
      schema: { tags, summary: `One of the ${def.path} by number`, params: recordNumberParamsSchema, response: { 200: recordSchema } },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const record = await getRecord(db.kysely, def, visibilityOf(actor), req.params.number);
      setEtag(reply, record.version);
      return withActions(record, actor, await workflowOf(db.kysely, def));
    },
  );

  app.post(
    `/${def.path}`,
    {
      config: customerWrite,
      schema: { tags, summary: `Create one of the ${def.path}`, body: def.create?.body ?? bodies.create, response: { 201: recordSchema } },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const created = await idempotentCreate(db, req, async (trx) => {
        const ctx = auditContext(req, db.dialect);
        const number = def.create
          ? await def.create.run(trx, ctx, actor, req.body)
          : await createRecord(trx, ctx, def, actor, req.body as CreateRecord);
        return withActions(await getRecord(trx, def, visibilityOf(actor), number), actor, await workflowOf(trx, def));
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
        body: bodies.update,
        response: { 200: recordSchema },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const record = await db.kysely.transaction().execute(async (trx) => {
        // Visibility first: a record the caller may not see is "not found", never "forbidden".
        await getRecord(trx, def, visibilityOf(actor), req.params.number);
        await updateRecord(trx, auditContext(req, db.dialect), def, actor, {
          number: req.params.number,
          expectedVersion: expectedVersion(req),
          patch: req.body,
        });
        return withActions(await getRecord(trx, def, visibilityOf(actor), req.params.number), actor, await workflowOf(trx, def));
      });
      setEtag(reply, record.version);
      return record;
    },
  );

  app.post(
    `/${def.path}/:number/transitions`,
    {
      config: customerWrite,
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
          types,
        });
        return withActions(await getRecord(trx, def, visibilityOf(actor), req.params.number), actor, await workflowOf(trx, def));
      });
      setEtag(reply, record.version);
      return record;
    },
  );
};
