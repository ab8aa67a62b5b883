import { createSlaPolicySchema, idParamsSchema, type SlaPolicyView, slaPolicyViewSchema, updateSlaPolicySchema } from '@keel/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/connect.js';
import { notFound } from '../../platform/errors.js';
import { expectedVersion, setEtag } from '../../platform/http/etag.js';
import { idempotentCreate, sendCreated } from '../../platform/http/idempotency.js';
import { auditContext } from '../../platform/http/request-context.js';
import type { RecordTypeDefinition } from '../../platform/records/record-type.js';
import { presentSlaPolicy } from '../../platform/sla/policies.js';
import { createSlaPolicy, updateSlaPolicy } from './commands.js';

const tags = ['sla-policies'];
const read = { permission: 'sla.read' } as const;
const manage = { permission: 'sla.manage' } as const;

/** Policies with whether any record has matched them: one index probe per policy. */
function policiesWithUse(db: Db['kysely']) {
  return db
    .selectFrom('sla_policies')
    .selectAll()
    .select((eb) =>
      eb.exists(eb.selectFrom('sla_clocks').select('sla_clocks.id').whereRef('sla_clocks.policy_id', '=', 'sla_policies.id')).as('used'),
    );
}

const present = (row: Awaited<ReturnType<ReturnType<typeof policiesWithUse>['executeTakeFirstOrThrow']>>): SlaPolicyView => ({
  ...presentSlaPolicy(row),
  used: Boolean(row.used),
});

async function loadPolicy(db: Db['kysely'], id: number) {
  const row = await policiesWithUse(db).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('SLA policy');
  return present(row);
}

export function slaPolicyRoutes(db: Db, types: readonly RecordTypeDefinition[]) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/sla-policies',
      {
        config: read,
        schema: {
          tags,
          summary: 'SLA policies in the order they are tried',
          querystring: z.strictObject({ recordType: z.string().max(40).optional() }),
          response: { 200: z.object({ items: z.array(slaPolicyViewSchema) }) },
        },
      },
      async (req) => {
        let q = policiesWithUse(db.kysely);
        if (req.query.recordType) q = q.where('record_type', '=', req.query.recordType);
        const rows = await q.orderBy('record_type').orderBy('position').orderBy('id').limit(500).execute();
        return { items: rows.map(present) };
      },
    );

    app.get(
      '/sla-policies/:id',
      { config: read, schema: { tags, summary: 'One SLA policy', params: idParamsSchema, response: { 200: slaPolicyViewSchema } } },
      async (req, reply) => {
        const policy = await loadPolicy(db.kysely, req.params.id);
        setEtag(reply, policy.version);
        return policy;
      },
    );

    app.post(
      '/sla-policies',
      {
        config: manage,
        schema: { tags, summary: 'Add an SLA policy', body: createSlaPolicySchema, response: { 201: slaPolicyViewSchema } },
      },
      async (req, reply) => {
        const created = await idempotentCreate(db, req, async (trx) =>
          loadPolicy(trx, await createSlaPolicy(trx, auditContext(req, db.dialect), types, req.body)),
        );
        return sendCreated(reply, created);
      },
    );

    app.patch(
      '/sla-policies/:id',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Change an SLA policy (clocks already running keep their targets)',
          params: idParamsSchema,
          body: updateSlaPolicySchema,
          response: { 200: slaPolicyViewSchema },
        },
      },
      async (req, reply) => {
        const policy = await db.kysely.transaction().execute(async (trx) => {
          await updateSlaPolicy(trx, auditContext(req, db.dialect), {
            id: req.params.id,
            expectedVersion: expectedVersion(req),
            patch: req.body,
          });
          return loadPolicy(trx, req.params.id);
        });
        setEtag(reply, policy.version);
        return policy;
      },
    );
  };
}
