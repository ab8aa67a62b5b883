import { DEFAULT_RECORD_COLUMNS, type FilterCondition, type RecordExportQuery } from '@keel/shared';
import type { Actor } from '../../access/actor.js';
import { appendAudit } from '../../audit/append.js';
import { AppError, notFound } from '../../errors.js';
import { actorOf } from '../../http/authenticate.js';
import { auditContext } from '../../http/request-context.js';
import { getVisibleView, viewColumns, viewParams } from '../../views/queries.js';
import { workflowOf } from '../../workflow/store.js';
import { fieldsOfType } from '../custom-fields/definitions.js';
import { checkCustomFilters, customFilterTargets } from '../custom-fields/filters.js';
import { assertExportFits, type RecordExport, recordExportStream } from '../export.js';
import { assertKnownStates, filterDescription } from '../filters.js';
import { textFilter } from '../queries.js';
import type { RecordFeatureRoutes, RecordRouteContext } from './context.js';

const sameFilter = (a: FilterCondition, b: FilterCondition) => a.field === b.field && a.op === b.op;

/** A saved view's filters, sort and columns under whatever the request gives explicitly. */
async function withView(ctx: RecordRouteContext, actor: Actor, query: RecordExportQuery) {
  if (!query.view) return { ...query, columns: query.columns ?? [...DEFAULT_RECORD_COLUMNS] };
  const row = await getVisibleView(ctx.db.kysely, actor, query.view);
  if (row.type !== ctx.def.key) throw notFound('saved view');
  const parsed = ctx.queries.list.safeParse(viewParams(row));
  if (!parsed.success) throw new AppError('conflict', 'The saved view holds filters this type no longer accepts; edit the view');
  const view = parsed.data;
  return {
    sort: query.sort ?? view.sort,
    q: query.q ?? view.q,
    filters: [...view.filters.filter((f) => !query.filters.some((g) => sameFilter(f, g))), ...query.filters],
    columns: query.columns ?? viewColumns(row),
  };
}

/** The list (or a saved view) as CSV or Excel, streamed page by page. */
export const exportRoutes: RecordFeatureRoutes = (app, ctx) => {
  const { db, def, tags, read, queries, limits, scopeOf } = ctx;
  app.get(
    `/${def.path}/export`,
    {
      config: read,
      schema: {
        tags,
        summary: `Export the ${def.path} a list or saved view shows, as CSV or Excel (at most ${limits.exportMaxRows} rows)`,
        description: `${filterDescription(queries.fields)}\n\n\`format\`: csv | xlsx; \`columns\`: comma-separated; \`view\`: a saved view's id.`,
        querystring: queries.export,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { q, ...chosen } = await withView(ctx, actor, req.query);
      const scope = scopeOf(actor);
      const [workflow, fields] = await Promise.all([workflowOf(db.kysely, def), fieldsOfType(db.kysely, def.key)]);
      assertKnownStates(chosen.filters, workflow);
      const spec: RecordExport = {
        def,
        workflow,
        customTargets: customFilterTargets(fields),
        scope,
        locale: actor.locale,
        timeZone: actor.timeZone,
        format: req.query.format,
        text: await textFilter(db.kysely, def, scope, q),
        ...chosen,
        filters: checkCustomFilters(chosen.filters, fields, actor.userId),
      };
      const rows = await assertExportFits(db.kysely, spec, limits.exportMaxRows);
      // What left the system, for whom: an export is evidence worth keeping.
      await db.kysely.transaction().execute((trx) =>
        appendAudit(trx, auditContext(req, db.dialect), {
          action: 'record.exported',
          objectType: def.key,
          changes: {
            format: [null, spec.format],
            rows: [null, rows],
            view: [null, req.query.view ?? null],
            filters: [null, spec.filters],
            q: [null, q ?? null],
          },
        }),
      );
      const stamp = new Date().toISOString().slice(0, 10);
      reply.header('content-disposition', `attachment; filename="keel-${def.path}-${stamp}.${spec.format}"`);
      reply.type(spec.format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8');
      return reply.send(recordExportStream(db.kysely, spec, (error) => req.log.error({ err: error }, 'record export failed')));
    },
  );
};
