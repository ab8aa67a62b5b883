import { createCustomFieldSchema, customFieldSchema, customFieldsQuerySchema, idParamsSchema, updateCustomFieldSchema } from '@keel/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/connect.js';
import { notFound } from '../../platform/errors.js';
import { expectedVersion, setEtag } from '../../platform/http/etag.js';
import { idempotentCreate, sendCreated } from '../../platform/http/idempotency.js';
import { auditContext } from '../../platform/http/request-context.js';
import { presentCustomField } from '../../platform/records/custom-fields/definitions.js';
import type { RecordTypeDefinition } from '../../platform/records/record-type.js';
import { createCustomField, updateCustomField } from './commands.js';

const tags = ['custom-fields'];
const config = { permission: 'records.configure' } as const;

async function loadField(db: Db['kysely'], id: number) {
  const row = await db.selectFrom('custom_fields').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('custom field');
  return presentCustomField(row);
}

/** Administration of custom fields; forms read a type's active fields from GET /<type path>/fields. */
export function customFieldRoutes(db: Db, types: readonly RecordTypeDefinition[]) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/custom-fields',
      {
        config,
        schema: {
          tags,
          summary: 'Custom fields, active and retired, by record type and form order',
          querystring: customFieldsQuerySchema,
          response: { 200: z.object({ items: z.array(customFieldSchema) }) },
        },
      },
      async (req) => {
        let q = db.kysely.selectFrom('custom_fields').selectAll();
        if (req.query.recordType) q = q.where('record_type', '=', req.query.recordType);
        const rows = await q.orderBy('record_type').orderBy('position').orderBy('id').execute();
        return { items: rows.map(presentCustomField) };
      },
    );

    app.get(
      '/custom-fields/:id',
      { config, schema: { tags, summary: 'One custom field', params: idParamsSchema, response: { 200: customFieldSchema } } },
      async (req, reply) => {
        const field = await loadField(db.kysely, req.params.id);
        setEtag(reply, field.version);
        return field;
      },
    );

    app.post(
      '/custom-fields',
      {
        config,
        schema: {
          tags,
          summary: 'Add a custom field to a record type',
          body: createCustomFieldSchema,
          response: { 201: customFieldSchema },
        },
      },
      async (req, reply) => {
        const created = await idempotentCreate(db, req, async (trx) =>
          loadField(trx, await createCustomField(trx, auditContext(req, db.dialect), types, req.body)),
        );
        return sendCreated(reply, created);
      },
    );

    app.patch(
      '/custom-fields/:id',
      {
        config,
        schema: {
          tags,
          summary: 'Change a custom field (labels, options, required, indexed, retire with active: false)',
          params: idParamsSchema,
          body: updateCustomFieldSchema,
          response: { 200: customFieldSchema },
        },
      },
      async (req, reply) => {
        const field = await db.kysely.transaction().execute(async (trx) => {
          await updateCustomField(trx, auditContext(req, db.dialect), types, {
            id: req.params.id,
            expectedVersion: expectedVersion(req),
            patch: req.body,
          });
          return loadField(trx, req.params.id);
        });
        setEtag(reply, field.version);
        return field;
      },
    );
  };
}
