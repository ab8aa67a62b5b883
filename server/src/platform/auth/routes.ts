import { loginRequestSchema, meSchema } from '@keel/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.js';
import type { Db } from '../../db/connect.js';
import { loadActor } from '../access/actor.js';
import { presentMe } from '../access/present-me.js';
import { appendAudit } from '../audit/append.js';
import { AppError } from '../errors.js';
import { actorOf } from '../http/authenticate.js';
import { auditContext } from '../http/request-context.js';
import { deleteSession, deleteUserSessions, SESSION_COOKIE } from './sessions.js';
import { signIn } from './sign-in.js';

export function authRoutes(config: Config, db: Db) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const cookieOptions = {
      path: '/',
      httpOnly: true,
      sameSite: 'lax' as const,
      secure: config.secureCookies,
    };

    app.post(
      '/auth/login',
      {
        config: { public: true },
        schema: { tags: ['auth'], summary: 'Sign in with a username and password', body: loginRequestSchema, response: { 200: meSchema } },
      },
      async (req, reply) => {
        const session = await signIn(db, config, auditContext(req, db.dialect), {
          username: req.body.username,
          password: req.body.password,
          ip: req.ip,
          userAgent: req.headers['user-agent'] ?? null,
          previousToken: req.cookies[SESSION_COOKIE],
        });
        const actor = await loadActor(db, session.userId, { via: 'session', csrfToken: session.csrfToken, sessionIdHash: null });
        if (!actor) throw new AppError('account_disabled');
        reply.setCookie(SESSION_COOKIE, session.token, { ...cookieOptions, maxAge: Math.floor((session.expiresAt - Date.now()) / 1000) });
        return presentMe(actor);
      },
    );

    app.post(
      '/auth/logout',
      {
        config: { selfService: true },
        schema: {
          tags: ['auth'],
          summary: 'Sign out (everywhere=true ends every session of the user)',
          querystring: z.strictObject({ everywhere: z.enum(['true', 'false']).optional() }),
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const token = req.cookies[SESSION_COOKIE];
        if (req.query.everywhere === 'true') await deleteUserSessions(db.kysely, actor.userId);
        else if (token) await deleteSession(db.kysely, token);
        await db.kysely.transaction().execute((trx) =>
          appendAudit(trx, auditContext(req, db.dialect), {
            action: 'auth.logout',
            objectType: 'user',
            objectId: actor.userId,
            objectLabel: actor.username,
          }),
        );
        reply.clearCookie(SESSION_COOKIE, cookieOptions);
        return reply.status(204).send();
      },
    );
  };
}
