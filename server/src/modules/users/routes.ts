import { createUserSchema, idParamsSchema, listUsersQuerySchema, pageSchema, updateUserSchema, userSchema } from '@keel/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../../config.js';
import type { Db } from '../../db/connect.js';
import { visibilityOf } from '../../platform/access/visibility.js';
import { deleteUserSessions } from '../../platform/auth/sessions.js';
import { actorOf } from '../../platform/http/authenticate.js';
import { expectedVersion, setEtag } from '../../platform/http/etag.js';
import { idempotentCreate, sendCreated } from '../../platform/http/idempotency.js';
import { auditContext } from '../../platform/http/request-context.js';
import { preparePassword } from '../account/commands.js';
import { createUser, updateUser, usernameOf } from './commands.js';
import { getUser, listUsers } from './queries.js';

const tags = ['users'];

export function userRoutes(config: Config, db: Db) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/users',
      {
        config: { permission: 'users.read' },
        schema: { tags, summary: 'List users', querystring: listUsersQuerySchema, response: { 200: pageSchema(userSchema) } },
      },
      async (req) => listUsers(db.kysely, visibilityOf(actorOf(req)), req.query),
    );

    app.get(
      '/users/:id',
      {
        config: { permission: 'users.read' },
        schema: { tags, summary: 'One user', params: idParamsSchema, response: { 200: userSchema } },
      },
      async (req, reply) => {
        const user = await getUser(db.kysely, visibilityOf(actorOf(req)), req.params.id);
        setEtag(reply, user.version);
        return user;
      },
    );

    app.post(
      '/users',
      {
        config: { permission: 'users.manage' },
        schema: { tags, summary: 'Create a user', body: createUserSchema, response: { 201: userSchema } },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const passwordHash = await preparePassword(req.body.password, req.body.username);
        const created = await idempotentCreate(db, req, async (trx) => {
          const id = await createUser(trx, auditContext(req, db.dialect), config, req.body, passwordHash);
          return getUser(trx, visibilityOf(actor), id);
        });
        return sendCreated(reply, created);
      },
    );

    app.patch(
      '/users/:id',
      {
        config: { permission: 'users.manage' },
        schema: {
          tags,
          summary: 'Update a user (If-Match recommended)',
          params: idParamsSchema,
          body: updateUserSchema,
          response: { 200: userSchema },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const password = req.body.password;
        const passwordHash = password ? await preparePassword(password, await usernameOf(db.kysely, req.params.id)) : null;
        const { endSessions } = await db.kysely.transaction().execute((trx) =>
          updateUser(trx, auditContext(req, db.dialect), {
            id: req.params.id,
            expectedVersion: expectedVersion(req),
            patch: req.body,
            actorUserId: actor.userId,
            passwordHash,
          }),
        );
        if (endSessions) await deleteUserSessions(db.kysely, req.params.id);
        const user = await getUser(db.kysely, visibilityOf(actor), req.params.id);
        setEtag(reply, user.version);
        return user;
      },
    );
  };
}
