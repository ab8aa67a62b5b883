import { listMailMessagesQuerySchema, mailMessagePageSchema } from '@keel/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/connect.js';
import { listMailMessages } from './queries.js';

/** What became of inbound mail, for whoever may read the audit trail: it names senders and subjects. */
export function mailRoutes(db: Db) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/mail/messages',
      {
        config: { permission: 'audit.read' },
        schema: {
          tags: ['mail'],
          summary: 'Inbound mail, newest first: the record it raised or answered, or why it was ignored',
          querystring: listMailMessagesQuerySchema,
          response: { 200: mailMessagePageSchema },
        },
      },
      async (req) => listMailMessages(db.kysely, req.query),
    );
  };
}
