import { childRecordSchema, recordNumberParamsSchema } from '@keel/shared';
import { z } from 'zod';
import { visibilityOf } from '../../access/visibility.js';
import { actorOf } from '../../http/authenticate.js';
import { listChildren } from '../children.js';
import { getRecord } from '../queries.js';
import type { RecordFeatureRoutes } from './context.js';

/** Child records (tasks under a change, child incidents under a major incident); created with `parent` set. */
export const childRoutes: RecordFeatureRoutes = (app, { db, def, types, tags, customerRead }) => {
  app.get(
    `/${def.path}/:number/children`,
    {
      config: customerRead,
      schema: {
        tags,
        summary: `Child records of one of the ${def.path} that the caller may see`,
        params: recordNumberParamsSchema,
        response: { 200: z.object({ items: z.array(childRecordSchema) }) },
      },
    },
    async (req) => {
      const visibility = visibilityOf(actorOf(req));
      const record = await getRecord(db.kysely, def, visibility, req.params.number);
      return { items: await listChildren(db.kysely, record.id, visibility, types) };
    },
  );
};
