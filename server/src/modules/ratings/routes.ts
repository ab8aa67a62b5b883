import {
  rateTicketSchema,
  ratingSummaryQuerySchema,
  ratingSummarySchema,
  recordNumberParamsSchema,
  ticketRatingSchema,
} from '@keel/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/connect.js';
import { actorOf } from '../../platform/http/authenticate.js';
import { auditContext } from '../../platform/http/request-context.js';
import type { RecordTypeDefinition } from '../../platform/records/record-type.js';
import { rateTicket, ratingOf, ratingSummary } from './commands.js';

const tags = ['ratings'];
const ratingReply = z.object({ rating: ticketRatingSchema.nullable() });

/** Satisfaction ratings of the types customers raise (incidents, requests), and the figures for dashboards. */
export function ratingRoutes(db: Db, types: readonly RecordTypeDefinition[]) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    for (const def of types.filter((t) => t.customers)) {
      app.get(
        `/${def.path}/:number/rating`,
        {
          config: { permission: def.permissions.read, customers: true },
          schema: {
            tags,
            summary: `The satisfaction rating of one of the ${def.path}`,
            params: recordNumberParamsSchema,
            response: { 200: ratingReply },
          },
        },
        async (req) => ({ rating: await ratingOf(db.kysely, def, actorOf(req), req.params.number) }),
      );

      app.post(
        `/${def.path}/:number/rating`,
        {
          // Rating is the requester's act, not work on the record: the read permission (or being the customer) is enough.
          config: { permission: def.permissions.read, customers: true },
          schema: {
            tags,
            summary: `Rate one of the closed ${def.path} (1–5, once; 409 if not closed or already rated)`,
            params: recordNumberParamsSchema,
            body: rateTicketSchema,
            response: { 201: ratingReply },
          },
        },
        async (req, reply) => {
          const actor = actorOf(req);
          const rating = await db.kysely.transaction().execute(async (trx) => {
            await rateTicket(trx, auditContext(req, db.dialect), def, actor, req.params.number, req.body);
            return ratingOf(trx, def, actor, req.params.number);
          });
          return reply.code(201).send({ rating });
        },
      );
    }

    app.get(
      '/ratings/summary',
      {
        config: { permission: 'ratings.read' },
        schema: {
          tags,
          summary: 'Count, average and distribution of satisfaction ratings in a period, by service and group',
          querystring: ratingSummaryQuerySchema,
          response: { 200: ratingSummarySchema },
        },
      },
      async (req) => ratingSummary(db.kysely, req.query),
    );
  };
}
