import {
  catalogueItemSchema,
  createCatalogueItemSchema,
  idParamsSchema,
  listCatalogueItemsQuerySchema,
  pageSchema,
  updateCatalogueItemSchema,
} from '@keel/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/connect.js';
import { actorOf } from '../../platform/http/authenticate.js';
import { expectedVersion, setEtag } from '../../platform/http/etag.js';
import { idempotentCreate, sendCreated } from '../../platform/http/idempotency.js';
import { auditContext } from '../../platform/http/request-context.js';
import { catalogueVisibility } from '../services/queries.js';
import { createCatalogueItem, updateCatalogueItem } from './commands.js';
import { getCatalogueItem, listCatalogueItems } from './queries.js';

const tags = ['catalogue'];
/** Customers browse too: active items of live services offered to their organisation. */
const read = { permission: 'services.read', customers: true } as const;
const manage = { permission: 'services.manage' } as const;
const staffView = { scope: 'all' } as const;

export function catalogueItemRoutes(db: Db) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/catalogue-items',
      {
        config: read,
        schema: {
          tags,
          summary: 'List request catalogue items',
          querystring: listCatalogueItemsQuerySchema,
          response: { 200: pageSchema(catalogueItemSchema) },
        },
      },
      async (req) => listCatalogueItems(db.kysely, catalogueVisibility(actorOf(req)), req.query),
    );

    app.get(
      '/catalogue-items/:id',
      {
        config: read,
        schema: { tags, summary: 'One catalogue item with its form', params: idParamsSchema, response: { 200: catalogueItemSchema } },
      },
      async (req, reply) => {
        const item = await getCatalogueItem(db.kysely, catalogueVisibility(actorOf(req)), req.params.id);
        setEtag(reply, item.version);
        return item;
      },
    );

    app.post(
      '/catalogue-items',
      {
        config: manage,
        schema: { tags, summary: 'Add a catalogue item', body: createCatalogueItemSchema, response: { 201: catalogueItemSchema } },
      },
      async (req, reply) => {
        const created = await idempotentCreate(db, req, async (trx) =>
          getCatalogueItem(trx, staffView, await createCatalogueItem(trx, auditContext(req, db.dialect), req.body)),
        );
        return sendCreated(reply, created);
      },
    );

    app.patch(
      '/catalogue-items/:id',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Change a catalogue item (retire it with active: false)',
          params: idParamsSchema,
          body: updateCatalogueItemSchema,
          response: { 200: catalogueItemSchema },
        },
      },
      async (req, reply) => {
        const item = await db.kysely.transaction().execute(async (trx) => {
          await updateCatalogueItem(trx, auditContext(req, db.dialect), {
            id: req.params.id,
            expectedVersion: expectedVersion(req),
            patch: req.body,
          });
          return getCatalogueItem(trx, staffView, req.params.id);
        });
        setEtag(reply, item.version);
        return item;
      },
    );
  };
}
