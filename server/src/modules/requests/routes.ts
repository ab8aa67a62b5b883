import {
  idParamsSchema,
  recordNumberParamsSchema,
  requestableItemSchema,
  requestableItemsQuerySchema,
  requestFormSchema,
} from '@keel/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/connect.js';
import { visibilityOf } from '../../platform/access/visibility.js';
import { notFound } from '../../platform/errors.js';
import { actorOf } from '../../platform/http/authenticate.js';
import { recordVisibility } from '../../platform/records/visibility.js';
import { catalogueItemById, isRequestable, listRequestableItems, requestableView } from './catalogue.js';
import { REQUEST_TYPE } from './type.js';

const tags = ['requests'];
/** Customers browse the catalogue and read their own requests' forms; staff need the read permission. */
const customerRead = { permission: REQUEST_TYPE.permissions.read, customers: true };

/** The requestable catalogue (for the portal's "Request something") and what was asked for on a request. */
export function requestRoutes(db: Db) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/request-catalogue',
      {
        config: customerRead,
        schema: {
          tags,
          summary: 'Catalogue items that can be requested now (active, under a live service), with their forms',
          querystring: requestableItemsQuerySchema,
          response: { 200: z.object({ items: z.array(requestableItemSchema) }) },
        },
      },
      async (req) => ({ items: await listRequestableItems(db.kysely, req.query) }),
    );

    app.get(
      '/request-catalogue/:id',
      {
        config: customerRead,
        schema: {
          tags,
          summary: 'One requestable catalogue item and its form',
          params: idParamsSchema,
          response: { 200: requestableItemSchema },
        },
      },
      async (req) => {
        const item = await catalogueItemById(db.kysely, req.params.id);
        if (!item || !isRequestable(item)) throw notFound('catalogue item');
        return requestableView(item);
      },
    );

    app.get(
      '/requests/:number/form',
      {
        config: customerRead,
        schema: {
          tags,
          summary: 'The catalogue item a request was raised from and the answers given',
          params: recordNumberParamsSchema,
          response: { 200: requestFormSchema },
        },
      },
      async (req) => {
        const row = await db.kysely
          .selectFrom('records')
          .innerJoin('request_ext', 'request_ext.record_id', 'records.id')
          .select(['request_ext.catalogue_item_id', 'request_ext.answers', 'request_ext.approval_state'])
          .where('records.type', '=', REQUEST_TYPE.key)
          .where('records.number', '=', req.params.number)
          .where(recordVisibility(visibilityOf(actorOf(req))))
          .executeTakeFirst();
        if (!row || row.catalogue_item_id === null) throw notFound('request');
        const item = await catalogueItemById(db.kysely, row.catalogue_item_id);
        if (!item) throw notFound('catalogue item');
        return {
          catalogueItemId: item.id,
          itemName: item.name,
          form: item.formDefinition,
          answers: JSON.parse(row.answers) as Record<string, unknown>,
          approvalState: requestFormSchema.shape.approvalState.catch('not_required').parse(row.approval_state),
        };
      },
    );
  };
}
