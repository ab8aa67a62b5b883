import { recordFieldsSchema } from '@keel/shared';
import { fieldsOfType } from '../custom-fields/definitions.js';
import type { RecordFeatureRoutes } from './context.js';

/** What a form for this type shows beyond the base fields: the type's own fields and the active custom fields. */
export const fieldRoutes: RecordFeatureRoutes = (app, { db, def, tags, customerRead }) => {
  const extension = Object.entries(def.extension?.fields ?? {})
    .filter(([, f]) => !f.readOnly)
    .map(([key, f]) => ({ key, kind: f.kind, required: f.required ?? false }));
  app.get(
    `/${def.path}/fields`,
    {
      config: customerRead,
      schema: { tags, summary: `The fields of ${def.path} beyond the base ones`, response: { 200: recordFieldsSchema } },
    },
    async () => ({ extension, custom: await fieldsOfType(db.kysely, def.key) }),
  );
};
