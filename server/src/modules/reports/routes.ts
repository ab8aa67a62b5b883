import { backlogQuerySchema, backlogSchema, recordSummaryQuerySchema, recordSummarySchema } from '@keel/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/connect.js';
import type { RecordTypeDefinition } from '../../platform/records/record-type.js';
import { backlogReport } from './backlog.js';
import { recordSummary } from './queries.js';

/** Process reports over each record type's records and history; readable by whoever reads the type. */
export function reportRoutes(db: Db, types: readonly RecordTypeDefinition[]) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    for (const def of types) {
      app.get(
        `/reports/${def.path}/summary`,
        {
          config: { permission: def.permissions.read },
          schema: {
            tags: ['reports'],
            summary: `Time to resolve by priority, reassignments, reopens and SLA attainment of the ${def.path} opened in [from, to)`,
            querystring: recordSummaryQuerySchema,
            response: { 200: recordSummarySchema },
          },
        },
        async (req) => recordSummary(db.kysely, def.key, req.query),
      );
      app.get(
        `/reports/${def.path}/backlog`,
        {
          config: { permission: def.permissions.read },
          schema: {
            tags: ['reports'],
            summary: `The ${def.path} open now by priority and service, and the backlog per day or week of [from, to)`,
            querystring: backlogQuerySchema,
            response: { 200: backlogSchema },
          },
        },
        async (req) => backlogReport(db.kysely, def.key, req.query),
      );
    }
  };
}
