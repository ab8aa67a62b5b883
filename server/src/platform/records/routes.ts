import {
  addCommentSchema,
  createLinkSchema,
  createRecordSchema,
  idSchema,
  journalEntrySchema,
  journalQuerySchema,
  listRecordsQuerySchema,
  pageSchema,
  type RecordItem,
  recordLinkSchema,
  recordNumberParamsSchema,
  recordSchema,
  transitionRequestSchema,
  updateRecordSchema,
} from '@keel/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/connect.js';
import { type Actor, can } from '../access/actor.js';
import { visibilityOf } from '../access/visibility.js';
import { actorOf } from '../http/authenticate.js';
import { expectedVersion, setEtag } from '../http/etag.js';
import { idempotentCreate, sendCreated } from '../http/idempotency.js';
import { auditContext } from '../http/request-context.js';
import { allowedTransitions } from '../workflow/validate.js';
import { addComment, createRecord, updateRecord } from './commands.js';
import { getJournalEntry, listJournal } from './journal.js';
import { createLink, deleteLink, listLinks } from './links.js';
import { getRecord, listRecords, type RecordData } from './queries.js';
import type { RecordTypeDefinition } from './record-type.js';
import { transitionRecord } from './transition.js';

/**
 * The same endpoints for every record type, registered once per type so each route
 * declares its type's permissions (and appears under its own tag in the API docs).
 */
export function recordRoutes(db: Db, def: RecordTypeDefinition, types: readonly RecordTypeDefinition[]) {
  /** The caller's allowed workflow actions travel with the record, so the UI never re-derives them. */
  const withActions = (record: RecordData, actor: Actor): RecordItem => ({
    ...record,
    actions:
      can(actor, def.permissions.write) && !actor.readOnly
        ? allowedTransitions(def.workflow, record.state, actor.roles).map((t) => t.key)
        : [],
  });

  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = [def.path];
    const read = { permission: def.permissions.read };
    const write = { permission: def.permissions.write };

    app.get(
      `/${def.path}`,
      {
        config: read,
        schema: { tags, summary: `List ${def.path}`, querystring: listRecordsQuerySchema, response: { 200: pageSchema(recordSchema) } },
      },
      async (req) => {
        const actor = actorOf(req);
        const page = await listRecords(db.kysely, def, visibilityOf(actor), req.query);
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

    app.get(
      `/${def.path}/:number/journal`,
      {
        config: read,
        schema: {
          tags,
          summary: `The timeline of one of the ${def.path}: comments, work notes (staff only), changes`,
          params: recordNumberParamsSchema,
          querystring: journalQuerySchema,
          response: { 200: pageSchema(journalEntrySchema) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const record = await getRecord(db.kysely, def, visibilityOf(actor), req.params.number);
        return listJournal(db.kysely, record.id, {
          includeInternal: actor.kind === 'staff',
          limit: req.query.limit,
          cursor: req.query.cursor,
        });
      },
    );

    app.post(
      `/${def.path}/:number/comments`,
      {
        config: write,
        schema: {
          tags,
          summary: `Comment on one of the ${def.path} (internal: true for a staff-only work note)`,
          params: recordNumberParamsSchema,
          body: addCommentSchema,
          response: { 201: journalEntrySchema },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const created = await idempotentCreate(db, req, async (trx) => {
          await getRecord(trx, def, visibilityOf(actor), req.params.number);
          const id = await addComment(trx, auditContext(req, db.dialect), def, actor, { number: req.params.number, ...req.body });
          return getJournalEntry(trx, id);
        });
        return sendCreated(reply, created);
      },
    );

    app.get(
      `/${def.path}/:number/links`,
      {
        config: read,
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
}
