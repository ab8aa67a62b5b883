import {
  apiTokenListSchema,
  changePasswordSchema,
  createApiTokenSchema,
  createdApiTokenSchema,
  idParamsSchema,
  meSchema,
  updateProfileSchema,
} from '@keel/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../../config.js';
import type { Db } from '../../db/connect.js';
import { loadActor } from '../../platform/access/actor.js';
import { presentMe } from '../../platform/access/present-me.js';
import { presentApiToken, presentCreatedApiToken } from '../../platform/auth/api-tokens.js';
import { SESSION_COOKIE } from '../../platform/auth/sessions.js';
import { AppError } from '../../platform/errors.js';
import { actorOf } from '../../platform/http/authenticate.js';
import { idempotentCreate, sendCreated } from '../../platform/http/idempotency.js';
import { auditContext } from '../../platform/http/request-context.js';
import { changeOwnPassword, createApiToken, revokeApiToken, updateProfile } from './commands.js';

const tags = ['account'];
const selfService = { selfService: true };

export function accountRoutes(config: Config, db: Db) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    async function reloadMe(userId: number, csrfToken: string | null) {
      const actor = await loadActor(db, userId, { via: 'session', csrfToken, sessionIdHash: null });
      if (!actor) throw new AppError('account_disabled');
      return presentMe(actor);
    }

    app.get(
      '/me',
      { schema: { tags, summary: 'The signed-in user, roles, permissions and locale', response: { 200: meSchema } } },
      async (req) => presentMe(actorOf(req)),
    );

    app.patch(
      '/me',
      { config: selfService, schema: { tags, summary: 'Update your own profile', body: updateProfileSchema, response: { 200: meSchema } } },
      async (req) => {
        const actor = actorOf(req);
        await updateProfile(db, auditContext(req, db.dialect), actor, req.body);
        return reloadMe(actor.userId, actor.csrfToken);
      },
    );

    app.post(
      '/me/password',
      {
        config: selfService,
        schema: {
          tags,
          summary: 'Change your password; ends all your other sessions',
          body: changePasswordSchema,
          response: { 200: meSchema },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const session = await changeOwnPassword(db, config, auditContext(req, db.dialect), actor, {
          ...req.body,
          ip: req.ip,
          userAgent: req.headers['user-agent'] ?? null,
        });
        if (session.token && session.expiresAt) {
          reply.setCookie(SESSION_COOKIE, session.token, {
            path: '/',
            httpOnly: true,
            sameSite: 'lax',
            secure: config.secureCookies,
            maxAge: Math.floor((session.expiresAt - Date.now()) / 1000),
          });
        }
        return reloadMe(actor.userId, session.csrfToken);
      },
    );

    app.get(
      '/me/tokens',
      { schema: { tags, summary: 'Your API tokens (never the secrets)', response: { 200: apiTokenListSchema } } },
      async (req) => {
        const rows = await db.kysely
          .selectFrom('api_tokens')
          .select(['id', 'name', 'prefix', 'created_at', 'last_used_at', 'expires_at'])
          .where('user_id', '=', actorOf(req).userId)
          .where('revoked_at', 'is', null)
          .orderBy('id', 'desc')
          .limit(200)
          .execute();
        return { items: rows.map(presentApiToken) };
      },
    );

    app.post(
      '/me/tokens',
      {
        config: selfService,
        schema: {
          tags,
          summary: 'Create an API token; the secret is returned only here',
          body: createApiTokenSchema,
          response: { 201: createdApiTokenSchema },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const created = await idempotentCreate(db, req, async (trx) => {
          const { row, token } = await createApiToken(trx, auditContext(req, db.dialect), actor, req.body);
          return presentCreatedApiToken(row, token);
        });
        return sendCreated(reply, created);
      },
    );

    app.delete(
      '/me/tokens/:id',
      { config: selfService, schema: { tags, summary: 'Revoke one of your API tokens', params: idParamsSchema } },
      async (req, reply) => {
        await revokeApiToken(db, auditContext(req, db.dialect), actorOf(req), req.params.id);
        return reply.status(204).send();
      },
    );
  };
}
