import { approvalParamsSchema, approvalRequestSchema, castVoteSchema, createApprovalSchema, recordNumberParamsSchema } from '@keel/shared';
import { z } from 'zod';
import { visibilityOf } from '../../access/visibility.js';
import { cancelApproval, castVote, requestApproval } from '../../approvals/commands.js';
import { listApprovals } from '../../approvals/queries.js';
import { actorOf } from '../../http/authenticate.js';
import { idempotentCreate, sendCreated } from '../../http/idempotency.js';
import { auditContext } from '../../http/request-context.js';
import { getRecord } from '../queries.js';
import type { RecordFeatureRoutes } from './context.js';

const approvalList = z.object({ items: z.array(approvalRequestSchema) });

/**
 * Approvals on a record. Asking and cancelling need the type's write permission; voting
 * needs only read, because approvers (a CAB, a customer's manager) often edit nothing else.
 */
export const approvalRoutes: RecordFeatureRoutes = (app, { db, def, tags, write, customerRead }) => {
  const load = async (trx: typeof db.kysely, req: { params: { number: string } } & Parameters<typeof actorOf>[0]) => ({
    ...(await getRecord(trx, def, visibilityOf(actorOf(req)), req.params.number)),
    def,
  });

  app.get(
    `/${def.path}/:number/approvals`,
    {
      config: customerRead,
      schema: { tags, summary: `Approvals of one of the ${def.path}`, params: recordNumberParamsSchema, response: { 200: approvalList } },
    },
    async (req) => {
      const record = await load(db.kysely, req);
      return { items: await listApprovals(db.kysely, record.id, actorOf(req).userId) };
    },
  );

  app.post(
    `/${def.path}/:number/approvals`,
    {
      config: write,
      schema: {
        tags,
        summary: `Ask for an approval on one of the ${def.path}: any one, all, or a quorum of people and groups, by level`,
        params: recordNumberParamsSchema,
        body: createApprovalSchema,
        response: { 201: approvalList },
      },
    },
    async (req, reply) => {
      const created = await idempotentCreate(db, req, async (trx) => {
        const record = await load(trx, req);
        await requestApproval(trx, auditContext(req, db.dialect), record, actorOf(req), req.body);
        return { items: await listApprovals(trx, record.id, actorOf(req).userId) };
      });
      return sendCreated(reply, created);
    },
  );

  app.post(
    `/${def.path}/:number/approvals/:approvalId/votes`,
    {
      config: customerRead,
      schema: {
        tags,
        summary: 'Approve or reject (a rejection needs a comment); onBehalfOf votes as a delegate',
        params: approvalParamsSchema,
        body: castVoteSchema,
        response: { 200: approvalList },
      },
    },
    async (req) =>
      db.kysely.transaction().execute(async (trx) => {
        const record = await load(trx, req);
        await castVote(trx, auditContext(req, db.dialect), record, actorOf(req), req.params.approvalId, req.body);
        return { items: await listApprovals(trx, record.id, actorOf(req).userId) };
      }),
  );

  app.post(
    `/${def.path}/:number/approvals/:approvalId/cancel`,
    {
      config: write,
      schema: { tags, summary: 'Withdraw an open approval request', params: approvalParamsSchema, response: { 200: approvalList } },
    },
    async (req) =>
      db.kysely.transaction().execute(async (trx) => {
        const record = await load(trx, req);
        await cancelApproval(trx, auditContext(req, db.dialect), record, actorOf(req), req.params.approvalId);
        return { items: await listApprovals(trx, record.id, actorOf(req).userId) };
      }),
  );
};
