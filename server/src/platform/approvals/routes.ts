import { approvalDelegationSchema, approvalInboxItemSchema, LIMITS, setDelegationSchema } from '@keel/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/connect.js';
import { actorOf } from '../http/authenticate.js';
import { auditContext } from '../http/request-context.js';
import type { RecordTypeDefinition } from '../records/record-type.js';
import { mayReadType } from '../records/type-access.js';
import { getDelegation, setDelegation } from './delegation.js';
import { approvalInbox } from './queries.js';

const tags = ['approvals'];

/** The caller's approval inbox and their standing delegation, across every record type. */
export function approvalInboxRoutes(db: Db, types: readonly RecordTypeDefinition[]) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/approvals/inbox',
      {
        config: { selfService: true },
        schema: {
          tags,
          summary: 'Open approvals waiting for the caller, in person or as a delegate',
          querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault) }),
          response: { 200: z.object({ items: z.array(approvalInboxItemSchema) }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const readable = types.filter((t) => mayReadType(actor, t));
        return { items: await approvalInbox(db.kysely, actor.userId, readable, req.query.limit) };
      },
    );

    app.get(
      '/me/approval-delegation',
      {
        config: { selfService: true },
        schema: { tags, summary: 'Who votes for the caller while they are away', response: { 200: approvalDelegationSchema } },
      },
      async (req) => getDelegation(db.kysely, actorOf(req).userId),
    );

    app.put(
      '/me/approval-delegation',
      {
        config: { selfService: true },
        schema: {
          tags,
          summary: 'Hand the caller’s approvals to a colleague until a time (null ends it)',
          body: setDelegationSchema,
          response: { 200: approvalDelegationSchema },
        },
      },
      async (req) =>
        db.kysely.transaction().execute(async (trx) => {
          await setDelegation(trx, auditContext(req, db.dialect), actorOf(req), req.body);
          return getDelegation(trx, actorOf(req).userId);
        }),
    );
  };
}
