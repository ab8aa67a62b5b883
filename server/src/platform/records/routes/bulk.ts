import { bulkUpdateRequestSchema, bulkUpdateResultSchema } from '@keel/shared';
import { visibilityOf } from '../../access/visibility.js';
import { actorOf } from '../../http/authenticate.js';
import { auditContext } from '../../http/request-context.js';
import { bulkUpdate } from '../bulk.js';
import type { RecordFeatureRoutes } from './context.js';

/** One change applied to many records, with a result per record. */
export const bulkRoutes: RecordFeatureRoutes = (app, { db, def, types, tags, write }) => {
  app.post(
    `/${def.path}/bulk`,
    {
      config: write,
      schema: {
        tags,
        summary: `Update up to 500 of the ${def.path} at once: a patch, a workflow action or both; 200 with a result per record`,
        body: bulkUpdateRequestSchema,
        response: { 200: bulkUpdateResultSchema },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const results = await bulkUpdate(
        { db, audit: auditContext(req, db.dialect), def, types, actor, visibility: visibilityOf(actor), log: req.log },
        req.body,
      );
      return { results };
    },
  );
};
