import { workflowSchema } from '@keel/shared';
import type { RecordFeatureRoutes } from './context.js';

/**
 * The type's workflow (states with their category and labels, transitions), so clients
 * can label states and actions; which actions a caller may take still travels on each record.
 */
export const workflowRoutes: RecordFeatureRoutes = (app, { def, tags, read }) => {
  app.get(
    `/${def.path}/workflow`,
    {
      config: read,
      schema: {
        tags,
        summary: `The workflow of ${def.path}: states, categories, actions and their labels`,
        response: { 200: workflowSchema },
      },
    },
    async () => def.workflow,
  );
};
