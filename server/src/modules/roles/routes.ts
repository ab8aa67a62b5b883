import {
  createRoleSchema,
  idParamsSchema,
  PERMISSIONS,
  permissionSchema,
  roleListSchema,
  roleSchema,
  updateRoleSchema,
} from '@keel/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/connect.js';
import { expectedVersion, setEtag } from '../../platform/http/etag.js';
import { idempotentCreate, sendCreated } from '../../platform/http/idempotency.js';
import { auditContext } from '../../platform/http/request-context.js';
import { createRole, deleteRole, updateRole } from './commands.js';
import { getRole, listRoles } from './queries.js';

const tags = ['roles'];

export function roleRoutes(db: Db) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/permissions',
      {
        config: { permission: 'roles.read' },
        schema: { tags, summary: 'Every permission Keel checks', response: { 200: z.object({ items: z.array(permissionSchema) }) } },
      },
      async () => ({ items: [...PERMISSIONS] }),
    );

    app.get(
      '/roles',
      {
        config: { permission: 'roles.read' },
        schema: { tags, summary: 'List roles', response: { 200: roleListSchema } },
      },
      async () => ({ items: await listRoles(db.kysely) }),
    );

    app.get(
      '/roles/:id',
      {
        config: { permission: 'roles.read' },
        schema: { tags, summary: 'One role', params: idParamsSchema, response: { 200: roleSchema } },
      },
      async (req, reply) => {
        const role = await getRole(db.kysely, req.params.id);
        setEtag(reply, role.version);
        return role;
      },
    );

    app.post(
      '/roles',
      {
        config: { permission: 'roles.manage' },
        schema: { tags, summary: 'Create a role', body: createRoleSchema, response: { 201: roleSchema } },
      },
      async (req, reply) => {
        const created = await idempotentCreate(db, req, async (trx) =>
          getRole(trx, await createRole(trx, auditContext(req, db.dialect), req.body)),
        );
        return sendCreated(reply, created);
      },
    );

    app.patch(
      '/roles/:id',
      {
        config: { permission: 'roles.manage' },
        schema: { tags, summary: 'Update a role', params: idParamsSchema, body: updateRoleSchema, response: { 200: roleSchema } },
      },
      async (req, reply) => {
        const role = await db.kysely.transaction().execute(async (trx) => {
          await updateRole(trx, auditContext(req, db.dialect), {
            id: req.params.id,
            expectedVersion: expectedVersion(req),
            patch: req.body,
          });
          return getRole(trx, req.params.id);
        });
        setEtag(reply, role.version);
        return role;
      },
    );

    app.delete(
      '/roles/:id',
      { config: { permission: 'roles.manage' }, schema: { tags, summary: 'Delete a custom role no one holds', params: idParamsSchema } },
      async (req, reply) => {
        await db.kysely
          .transaction()
          .execute((trx) => deleteRole(trx, auditContext(req, db.dialect), { id: req.params.id, expectedVersion: expectedVersion(req) }));
        return reply.status(204).send();
      },
    );
  };
}
