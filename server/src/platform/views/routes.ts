import { createSavedViewSchema, idParamsSchema, savedViewSchema, savedViewsQuerySchema, updateSavedViewSchema } from '@keel/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/connect.js';
import { actorOf } from '../http/authenticate.js';
import { expectedVersion, setEtag } from '../http/etag.js';
import { idempotentCreate, sendCreated } from '../http/idempotency.js';
import { auditContext } from '../http/request-context.js';
import type { RecordTypeDefinition } from '../records/record-type.js';
import { createView, deleteView, updateView, viewType } from './commands.js';
import { getVisibleView, listViews, presentView } from './queries.js';

const tags = ['saved views'];

/**
 * Saved list views. A view belongs to its owner like a profile setting, so writing one is
 * self-service (an auditor may keep personal views); the handlers check that the caller may
 * read the view's record type, and who may share and edit shared views.
 */
export function savedViewRoutes(db: Db, types: readonly RecordTypeDefinition[]) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/saved-views',
      {
        schema: {
          tags,
          summary: 'Views of one record type the caller may use: their own, then the shared ones',
          querystring: savedViewsQuerySchema,
          response: { 200: z.object({ items: z.array(savedViewSchema) }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const def = viewType(types, actor, req.query.type);
        return { items: await listViews(db.kysely, actor, def.key) };
      },
    );

    app.get(
      '/saved-views/:id',
      { schema: { tags, summary: 'One saved view', params: idParamsSchema, response: { 200: savedViewSchema } } },
      async (req, reply) => {
        const actor = actorOf(req);
        const row = await getVisibleView(db.kysely, actor, req.params.id);
        viewType(types, actor, row.type);
        setEtag(reply, row.version);
        return presentView(row, actor);
      },
    );

    app.post(
      '/saved-views',
      {
        config: { selfService: true },
        schema: {
          tags,
          summary: 'Save a view (shared: visible to all staff)',
          body: createSavedViewSchema,
          response: { 201: savedViewSchema },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const created = await idempotentCreate(db, req, async (trx) => {
          const id = await createView(trx, auditContext(req, db.dialect), actor, types, req.body);
          return presentView(await getVisibleView(trx, actor, id), actor);
        });
        return sendCreated(reply, created);
      },
    );

    app.patch(
      '/saved-views/:id',
      {
        config: { selfService: true },
        schema: {
          tags,
          summary: 'Change a view (the owner, or views.manage for a shared one; If-Match recommended)',
          params: idParamsSchema,
          body: updateSavedViewSchema,
          response: { 200: savedViewSchema },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const view = await db.kysely.transaction().execute(async (trx) => {
          await updateView(trx, auditContext(req, db.dialect), actor, types, {
            id: req.params.id,
            expectedVersion: expectedVersion(req),
            patch: req.body,
          });
          return presentView(await getVisibleView(trx, actor, req.params.id), actor);
        });
        setEtag(reply, view.version);
        return view;
      },
    );

    app.delete(
      '/saved-views/:id',
      {
        config: { selfService: true },
        schema: { tags, summary: 'Delete a view (the owner, or views.manage for a shared one)', params: idParamsSchema },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        await db.kysely
          .transaction()
          .execute((trx) =>
            deleteView(trx, auditContext(req, db.dialect), actor, { id: req.params.id, expectedVersion: expectedVersion(req) }),
          );
        return reply.status(204).send();
      },
    );
  };
}
