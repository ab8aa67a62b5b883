import { auditEventSchema, auditExportQuerySchema, auditVerifyResultSchema, listAuditQuerySchema, pageSchema } from '@keel/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/connect.js';
import { appendAudit } from '../../platform/audit/append.js';
import { verifyAuditChain } from '../../platform/audit/verify.js';
import { auditContext } from '../../platform/http/request-context.js';
import { auditCsv, auditXlsx } from './export.js';
import { listAuditEvents } from './queries.js';

const tags = ['audit'];

export function auditRoutes(db: Db) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/audit/events',
      {
        config: { permission: 'audit.read' },
        schema: {
          tags,
          summary: 'Audit events, newest first',
          querystring: listAuditQuerySchema,
          response: { 200: pageSchema(auditEventSchema) },
        },
      },
      async (req) => listAuditEvents(db.kysely, req.query),
    );

    app.get(
      '/audit/export',
      {
        config: { permission: 'audit.export' },
        schema: { tags, summary: 'Export filtered audit events as CSV or Excel', querystring: auditExportQuerySchema },
      },
      async (req, reply) => {
        const { format, ...filters } = req.query;
        // Exporting the trail is itself evidence worth keeping (what was taken, by whom).
        await db.kysely.transaction().execute((trx) =>
          appendAudit(trx, auditContext(req, db.dialect), {
            action: 'audit.exported',
            objectType: 'audit',
            changes: { filters: [null, { format, ...filters }] },
          }),
        );
        const stamp = new Date().toISOString().slice(0, 10);
        reply.header('content-disposition', `attachment; filename="keel-audit-${stamp}.${format}"`);
        if (format === 'xlsx') {
          reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
          return reply.send(auditXlsx(db.kysely, filters, (error) => req.log.error({ err: error }, 'audit export failed')));
        }
        reply.type('text/csv; charset=utf-8');
        return reply.send(auditCsv(db.kysely, filters));
      },
    );

    app.post(
      '/audit/verify',
      {
        config: { permission: 'audit.verify', selfService: true },
        schema: { tags, summary: 'Verify the hash chain of the whole trail', response: { 200: auditVerifyResultSchema } },
      },
      async (req) => {
        const { headHash: _head, ...result } = await verifyAuditChain(db.kysely);
        await db.kysely.transaction().execute((trx) =>
          appendAudit(trx, auditContext(req, db.dialect), {
            action: 'audit.verified',
            objectType: 'audit',
            changes: { result: [null, result.ok ? `ok (${result.checked})` : `failed at ${result.firstBadId}`] },
          }),
        );
        return result;
      },
    );
  };
}
