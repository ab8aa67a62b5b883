import { createGroupSchema, groupSchema, idParamsSchema, listGroupsQuerySchema, pageSchema, updateGroupSchema } from '@keel/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/connect.js';
import { expectedVersion, setEtag } from '../../platform/http/etag.js';
import { idempotentCreate, sendCreated } from '../../platform/http/idempotency.js';
import { auditContext } from '../../platform/http/request-context.js';
import { createGroup, deleteGroup, updateGroup } from './commands.js';
import { getGroup, listGroups } from './queries.js';

const tags = ['groups'];

export function groupRoutes(db: Db) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/groups',
      {
        config: { permission: 'groups.read' },
        schema: { tags, summary: 'List support groups', querystring: listGroupsQuerySchema, response: { 200: pageSchema(groupSchema) } },
      },
      async (req) => listGroups(db.kysely, req.query),
    );

    app.get(
      '/groups/:id',
      {
        config: { permission: 'groups.read' },
        schema: { tags, summary: 'One support group', params: idParamsSchema, response: { 200: groupSchema } },
      },
      async (req, reply) => {
        const group = await getGroup(db.kysely, req.params.id);
        setEtag(reply, group.version);
        return group;
      },
    );

    app.post(
      '/groups',
      {
        config: { permission: 'groups.manage' },
        schema: { tags, summary: 'Create a support group', body: createGroupSchema, response: { 201: groupSchema } },
      },
      async (req, reply) => {
        const created = await idempotentCreate(db, req, async (trx) =>
          getGroup(trx, await createGroup(trx, auditContext(req, db.dialect), req.body)),
        );
        return sendCreated(reply, created);
      },
    );

    app.patch(
      '/groups/:id',
      {
        config: { permission: 'groups.manage' },
        schema: {
          tags,
          summary: 'Update a support group',
          params: idParamsSchema,
          body: updateGroupSchema,
          response: { 200: groupSchema },
        },
      },
      async (req, reply) => {
        const group = await db.kysely.transaction().execute(async (trx) => {
          await updateGroup(trx, auditContext(req, db.dialect), {
            id: req.params.id,
            expectedVersion: expectedVersion(req),
            patch: req.body,
          });
          return getGroup(trx, req.params.id);
        });
        setEtag(reply, group.version);
        return group;
      },
    );

    app.delete(
      '/groups/:id',
      { config: { permission: 'groups.manage' }, schema: { tags, summary: 'Delete a support group', params: idParamsSchema } },
      async (req, reply) => {
        await db.kysely
          .transaction()
          .execute((trx) => deleteGroup(trx, auditContext(req, db.dialect), { id: req.params.id, expectedVersion: expectedVersion(req) }));
        return reply.status(204).send();
      },
    );
  };
}
