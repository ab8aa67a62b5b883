import {
  type AssignmentRule,
  assignmentRuleSchema,
  createAssignmentRuleSchema,
  idParamsSchema,
  listAssignmentRulesQuerySchema,
  updateAssignmentRuleSchema,
} from '@keel/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/connect.js';
import type { AssignmentRuleTable } from '../../db/schema.js';
import { bool, iso } from '../../db/time.js';
import { notFound } from '../../platform/errors.js';
import { expectedVersion, setEtag } from '../../platform/http/etag.js';
import { idempotentCreate, sendCreated } from '../../platform/http/idempotency.js';
import { auditContext } from '../../platform/http/request-context.js';
import type { RecordTypeDefinition } from '../../platform/records/record-type.js';
import { createAssignmentRule, deleteAssignmentRule, updateAssignmentRule } from './commands.js';

const tags = ['assignment-rules'];
const configure = { permission: 'records.configure' } as const;
type Row = Omit<AssignmentRuleTable, 'id'> & { id: number };

const present = (r: Row): AssignmentRule => ({
  id: r.id,
  name: r.name,
  recordType: r.record_type,
  category: r.category,
  serviceId: r.service_id,
  priority: r.priority,
  groupId: r.group_id,
  assigneeId: r.assignee_id,
  position: r.position,
  active: bool(r.active),
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
  version: r.version,
});

async function loadRule(db: Db['kysely'], id: number) {
  const row = await db.selectFrom('assignment_rules').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('assignment rule');
  return present(row);
}

export function assignmentRuleRoutes(db: Db, types: readonly RecordTypeDefinition[]) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/assignment-rules',
      {
        config: configure,
        schema: {
          tags,
          summary: 'Assignment rules in the order they are tried',
          querystring: listAssignmentRulesQuerySchema,
          response: { 200: z.object({ items: z.array(assignmentRuleSchema) }) },
        },
      },
      async (req) => {
        let q = db.kysely.selectFrom('assignment_rules').selectAll();
        if (req.query.recordType) q = q.where('record_type', '=', req.query.recordType);
        const rows = await q.orderBy('record_type').orderBy('position').orderBy('id').limit(500).execute();
        return { items: rows.map(present) };
      },
    );

    app.get(
      '/assignment-rules/:id',
      {
        config: configure,
        schema: { tags, summary: 'One assignment rule', params: idParamsSchema, response: { 200: assignmentRuleSchema } },
      },
      async (req, reply) => {
        const rule = await loadRule(db.kysely, req.params.id);
        setEtag(reply, rule.version);
        return rule;
      },
    );

    app.post(
      '/assignment-rules',
      {
        config: configure,
        schema: { tags, summary: 'Add an assignment rule', body: createAssignmentRuleSchema, response: { 201: assignmentRuleSchema } },
      },
      async (req, reply) => {
        const created = await idempotentCreate(db, req, async (trx) =>
          loadRule(trx, await createAssignmentRule(trx, auditContext(req, db.dialect), types, req.body)),
        );
        return sendCreated(reply, created);
      },
    );

    app.patch(
      '/assignment-rules/:id',
      {
        config: configure,
        schema: {
          tags,
          summary: 'Change an assignment rule (records already routed keep their group)',
          params: idParamsSchema,
          body: updateAssignmentRuleSchema,
          response: { 200: assignmentRuleSchema },
        },
      },
      async (req, reply) => {
        const rule = await db.kysely.transaction().execute(async (trx) => {
          await updateAssignmentRule(trx, auditContext(req, db.dialect), {
            id: req.params.id,
            expectedVersion: expectedVersion(req),
            patch: req.body,
          });
          return loadRule(trx, req.params.id);
        });
        setEtag(reply, rule.version);
        return rule;
      },
    );

    app.delete(
      '/assignment-rules/:id',
      { config: configure, schema: { tags, summary: 'Delete an assignment rule', params: idParamsSchema } },
      async (req, reply) => {
        await db.kysely
          .transaction()
          .execute((trx) =>
            deleteAssignmentRule(trx, auditContext(req, db.dialect), { id: req.params.id, expectedVersion: expectedVersion(req) }),
          );
        return reply.status(204).send();
      },
    );
  };
}
