import {
  clockIdParamsSchema,
  pageSchema,
  raiseImprovementSchema,
  recordSchema,
  serviceLevelBreachesQuerySchema,
  serviceLevelBreachSchema,
  serviceLevelReportQuerySchema,
  serviceLevelReportSchema,
} from '@keel/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/connect.js';
import { can } from '../../platform/access/actor.js';
import { visibilityOf } from '../../platform/access/visibility.js';
import { appendAudit } from '../../platform/audit/append.js';
import { actorOf } from '../../platform/http/authenticate.js';
import { setEtag } from '../../platform/http/etag.js';
import { auditContext } from '../../platform/http/request-context.js';
import { getRecord } from '../../platform/records/queries.js';
import type { RecordTypeDefinition } from '../../platform/records/record-type.js';
import { workflowOf } from '../../platform/workflow/store.js';
import { allowedTransitions } from '../../platform/workflow/validate.js';
import { IMPROVEMENT_TYPE } from '../improvements/type.js';
import { raiseImprovement } from './improvement.js';
import { serviceLevelPdf } from './pdf.js';
import { listBreaches, reportScope, serviceLevelReport } from './report.js';
import { serviceLevelWorkbook } from './workbook.js';

const tags = ['service-levels'];
const read = { permission: 'sla.read' } as const;
const manageImprovements = { permission: 'improvements.manage' } as const;

/** How many breaches an export lists; the rest are counted in a note. */
export const EXPORT_BREACHES = 500;

export function serviceLevelRoutes(db: Db, types: readonly RecordTypeDefinition[]) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/service-levels/report',
      {
        config: read,
        schema: {
          tags,
          summary: 'Service level report: attainment per target, the newest breaches and the trend over a period',
          description:
            'The period is `from`…`to`, local dates in the caller’s time zone, both included (at most 731 days). A clock counts in the period of its outcome: a breach at its breach time, a met target when its clock stopped.',
          querystring: serviceLevelReportQuerySchema,
          response: { 200: serviceLevelReportSchema },
        },
      },
      async (req) => serviceLevelReport(db.kysely, actorOf(req), types, req.query),
    );

    app.get(
      '/service-levels/breaches',
      {
        config: read,
        schema: {
          tags,
          summary: 'The breaches of a service level report, newest first, a page at a time',
          querystring: serviceLevelBreachesQuerySchema,
          response: { 200: pageSchema(serviceLevelBreachSchema) },
        },
      },
      async (req) => {
        const scope = await reportScope(db.kysely, actorOf(req), types, req.query);
        return listBreaches(db.kysely, scope, { limit: req.query.limit, cursor: req.query.cursor });
      },
    );

    app.post(
      '/service-levels/breaches/:clockId/improvement',
      {
        config: manageImprovements,
        schema: {
          tags,
          summary: 'Raise an improvement from a breach, linked to the breached record (once: again answers the same improvement)',
          params: clockIdParamsSchema,
          body: raiseImprovementSchema,
          response: { 200: recordSchema, 201: recordSchema },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const { record, created } = await db.kysely.transaction().execute(async (trx) => {
          const raised = await raiseImprovement(trx, auditContext(req, db.dialect), actor, types, req.params.clockId, req.body);
          const item = await getRecord(trx, IMPROVEMENT_TYPE, visibilityOf(actor), raised.number);
          const workflow = await workflowOf(trx, IMPROVEMENT_TYPE);
          const actions =
            can(actor, IMPROVEMENT_TYPE.permissions.write) && !actor.readOnly
              ? allowedTransitions(workflow, item.state, actor.roles).map((t) => t.key)
              : [];
          return { record: { ...item, actions }, created: raised.created };
        });
        setEtag(reply, record.version);
        return reply.status(created ? 201 : 200).send(record);
      },
    );

    app.get(
      '/service-levels/report.xlsx',
      {
        config: read,
        schema: {
          tags,
          summary: 'The service level report as an Excel workbook (targets, breaches, trend)',
          querystring: serviceLevelReportQuerySchema,
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const report = await serviceLevelReport(db.kysely, actor, types, req.query, EXPORT_BREACHES);
        const names = await subjectNames(db, req.query);
        const body = await serviceLevelWorkbook(report, actor.locale, names);
        await audited(db, req, 'xlsx', report.breaches.items.length);
        reply.header('content-disposition', `attachment; filename="keel-service-levels-${req.query.from}-${req.query.to}.xlsx"`);
        reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        return reply.send(body);
      },
    );

    app.get(
      '/service-levels/report.pdf',
      {
        config: read,
        schema: {
          tags,
          summary: 'The service level report as a PDF (503 pdf_font_missing without the CJK font)',
          querystring: serviceLevelReportQuerySchema,
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const report = await serviceLevelReport(db.kysely, actor, types, req.query, EXPORT_BREACHES);
        const names = await subjectNames(db, req.query);
        const body = await serviceLevelPdf(report, actor.locale, names);
        await audited(db, req, 'pdf', report.breaches.items.length);
        reply.header('content-disposition', `attachment; filename="keel-service-levels-${req.query.from}-${req.query.to}.pdf"`);
        reply.type('application/pdf');
        return reply.send(body);
      },
    );
  };

  /** What left the system, for whom: exported like records are (record.exported's sibling). */
  async function audited(db: Db, req: Parameters<typeof auditContext>[0], format: 'xlsx' | 'pdf', breaches: number) {
    const query = req.query as Record<string, unknown>;
    await db.kysely.transaction().execute((trx) =>
      appendAudit(trx, auditContext(req, db.dialect), {
        action: 'service_level.report_exported',
        objectType: 'service_level_report',
        changes: { format: [null, format], breaches: [null, breaches], query: [null, query] },
      }),
    );
  }
}

/** The service's and agreement's names, for the exports' headings. */
async function subjectNames(db: Db, query: { serviceId?: number | undefined; agreementId?: number | undefined }) {
  const [service, agreement] = await Promise.all([
    query.serviceId ? db.kysely.selectFrom('services').select('name').where('id', '=', query.serviceId).executeTakeFirst() : undefined,
    query.agreementId
      ? db.kysely.selectFrom('agreements').select('name').where('id', '=', query.agreementId).executeTakeFirst()
      : undefined,
  ]);
  return { service: service?.name ?? null, agreement: agreement?.name ?? null };
}
