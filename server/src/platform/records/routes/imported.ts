import { recordImportResponseSchema, recordNumberParamsSchema } from '@keel/shared';
import { visibilityOf } from '../../access/visibility.js';
import { actorOf } from '../../http/authenticate.js';
import { recordImportOf } from '../../import/record-import.js';
import { getRecord } from '../queries.js';
import type { RecordFeatureRoutes } from './context.js';

/** Where an imported record came from (docs/import.md): staff only, as the source's columns are the service desk's. */
export const importedRoutes: RecordFeatureRoutes = (app, { db, def, tags, read }) => {
  app.get(
    `/${def.path}/:number/imported`,
    {
      config: read,
      schema: {
        tags,
        summary: `The import source of one of the ${def.path}: mapping, SLA outcome, kept columns and external references`,
        params: recordNumberParamsSchema,
        response: { 200: recordImportResponseSchema },
      },
    },
    async (req) => {
      const record = await getRecord(db.kysely, def, visibilityOf(actorOf(req)), req.params.number);
      return { item: await recordImportOf(db.kysely, record.id) };
    },
  );
};
