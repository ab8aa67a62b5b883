import { saveWorkflowSchema, workflowDocumentSchema } from '@keel/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/connect.js';
import { notFound } from '../../platform/errors.js';
import { expectedVersion, setEtag } from '../../platform/http/etag.js';
import { auditContext } from '../../platform/http/request-context.js';
import type { RecordTypeDefinition } from '../../platform/records/record-type.js';
import { resetWorkflow, saveWorkflow, workflowDocument } from '../../platform/workflow/store.js';

const tags = ['workflows'];
const config = { permission: 'records.configure' } as const;
const params = z.strictObject({ recordType: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/) });

/** The workflow editor's endpoints: read, save (validated) and reset a type's workflow. */
export function workflowRoutes(db: Db, types: readonly RecordTypeDefinition[]) {
  const typeOf = (key: string) => {
    const def = types.find((t) => t.key === key);
    if (!def) throw notFound('record type');
    return def;
  };
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/workflows',
      {
        config,
        schema: {
          tags,
          summary: 'The workflow in force for every record type',
          response: { 200: z.object({ items: z.array(workflowDocumentSchema) }) },
        },
      },
      async () => ({ items: await Promise.all(types.map((t) => workflowDocument(db.kysely, t))) }),
    );

    app.get(
      '/workflows/:recordType',
      { config, schema: { tags, summary: 'The workflow in force for one record type', params, response: { 200: workflowDocumentSchema } } },
      async (req, reply) => {
        const doc = await workflowDocument(db.kysely, typeOf(req.params.recordType));
        setEtag(reply, doc.version);
        return doc;
      },
    );

    app.put(
      '/workflows/:recordType',
      {
        config,
        schema: {
          tags,
          summary: 'Save a record type’s workflow: 400 lists what is wrong, 409 names states records still sit in',
          params,
          body: saveWorkflowSchema,
          response: { 200: workflowDocumentSchema },
        },
      },
      async (req, reply) => {
        const def = typeOf(req.params.recordType);
        const doc = await db.kysely.transaction().execute(async (trx) => {
          await saveWorkflow(trx, auditContext(req, db.dialect), def, {
            workflow: req.body.workflow,
            expectedVersion: expectedVersion(req),
          });
          return workflowDocument(trx, def);
        });
        setEtag(reply, doc.version);
        return doc;
      },
    );

    app.delete(
      '/workflows/:recordType',
      { config, schema: { tags, summary: 'Go back to the shipped workflow', params, response: { 200: workflowDocumentSchema } } },
      async (req) => {
        const def = typeOf(req.params.recordType);
        return db.kysely.transaction().execute(async (trx) => {
          await resetWorkflow(trx, auditContext(req, db.dialect), def, expectedVersion(req));
          return workflowDocument(trx, def);
        });
      },
    );
  };
}
