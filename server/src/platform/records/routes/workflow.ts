import { workflowSchema } from '@keel/shared';
import { workflowOf } from '../../workflow/store.js';
import type { RecordFeatureRoutes } from './context.js';

/**
 * The type's workflow in force (an administrator's edit or the shipped default: states with their category and labels, transitions), so clients
 * can label states and actions; which actions a caller may take still travels on each record.
 */
export const workflowReadRoutes: RecordFeatureRoutes = (app, { db, def, tags, customerRead }) => {
  app.get(
    `/${def.path}/workflow`,
    {
      config: customerRead,
      schema: {
        tags,
        summary: `The workflow of ${def.path}: states, categories, actions and their labels`,
        response: { 200: workflowSchema },
      },
    },
    async () => workflowOf(db.kysely, def),
  );
};
