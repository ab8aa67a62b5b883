import { type PriorityMatrixView, priorityMatrixViewSchema, putPriorityMatrixSchema } from '@keel/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/connect.js';
import { expectedVersion, setEtag } from '../../platform/http/etag.js';
import { auditContext } from '../../platform/http/request-context.js';
import { readPriorityMatrix } from '../../platform/records/priority-matrix.js';
import { savePriorityMatrix } from './commands.js';

const tags = ['settings'];

async function present(db: Db['kysely']): Promise<PriorityMatrixView> {
  const row = await readPriorityMatrix(db);
  return { ...row, updatedAt: row.updatedAt === null ? null : new Date(row.updatedAt).toISOString() };
}

export function priorityMatrixRoutes(db: Db) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/settings/priority-matrix',
      {
        // Every staff role reads incidents; forms show the priority a choice will give.
        config: { permission: 'incidents.read' },
        schema: {
          tags,
          summary: 'The impact × urgency → priority matrix (rows: impact 1..3, columns: urgency 1..3)',
          response: { 200: priorityMatrixViewSchema },
        },
      },
      async (_req, reply) => {
        const view = await present(db.kysely);
        setEtag(reply, view.version);
        return view;
      },
    );

    app.put(
      '/settings/priority-matrix',
      {
        config: { permission: 'records.configure' },
        schema: {
          tags,
          summary: 'Replace the priority matrix (existing records keep their priority)',
          body: putPriorityMatrixSchema,
          response: { 200: priorityMatrixViewSchema },
        },
      },
      async (req, reply) => {
        const view = await db.kysely.transaction().execute(async (trx) => {
          await savePriorityMatrix(trx, auditContext(req, db.dialect), { expectedVersion: expectedVersion(req), body: req.body });
          return present(trx);
        });
        setEtag(reply, view.version);
        return view;
      },
    );
  };
}
