import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import type { Db } from '../../db/connect.js';
import { type Actor, loadActor, requirePermission } from '../access/actor.js';
import { findApiTokenUser } from '../auth/api-tokens.js';
import { safeEqual } from '../auth/secrets.js';
import { findSessionActor, SESSION_COOKIE } from '../auth/sessions.js';
import { AppError } from '../errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * One hook in front of every API route: who is calling (bearer token or session cookie),
 * CSRF for cookie writes, read-only roles, and the route's declared permission. Runs
 * before the body is parsed, so 401/403 come before 400/413.
 */
export function registerAuthentication(app: FastifyInstance, config: Config, db: Db): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/v1/')) return;
    const routeConfig = req.routeOptions.config;
    const unsafe = !SAFE_METHODS.has(req.method);
    if (unsafe) checkOrigin(req);
    const { actor, expired } = await identify(req, config, db);
    req.actor = actor;
    if (routeConfig.public) return;
    if (!actor) throw new AppError(expired ? 'session_expired' : 'unauthenticated');
    if (unsafe && actor.via === 'session') {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !actor.csrfToken || !safeEqual(sent, actor.csrfToken)) {
        throw new AppError('csrf_failed');
      }
    }
    if (unsafe && actor.readOnly && !routeConfig.selfService) {
      throw new AppError('forbidden', 'Your role is read-only');
    }
    if (routeConfig.permission && !(actor.kind === 'customer' && routeConfig.customers)) requirePermission(actor, routeConfig.permission);
  });
}

async function identify(req: FastifyRequest, config: Config, db: Db): Promise<{ actor: Actor | null; expired: boolean }> {
  const authorization = req.headers.authorization;
  if (authorization?.startsWith('Bearer ')) {
    const userId = await findApiTokenUser(db.kysely, authorization.slice(7).trim());
    if (userId === null) throw new AppError('unauthenticated', 'The API token is not valid');
    return { actor: await loadActor(db, userId, { via: 'token', csrfToken: null, sessionIdHash: null }), expired: false };
  }
  const token = req.cookies[SESSION_COOKIE];
  if (!token) return { actor: null, expired: false };
  const found = await findSessionActor(db, config, token);
  if (found.status !== 'valid') return { actor: null, expired: found.status === 'expired' };
  return { actor: found.actor, expired: false };
}

/** A browser's cross-site write is refused whatever it carries (defence in depth beside the CSRF token). */
function checkOrigin(req: FastifyRequest): void {
  if (req.headers['sec-fetch-site'] === 'cross-site') throw new AppError('csrf_failed', 'Cross-site request refused');
  const origin = req.headers.origin;
  if (!origin) return;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new AppError('csrf_failed', 'Unreadable Origin header');
  }
  const forwarded = req.headers['x-forwarded-host'];
  const host = req.headers.host;
  if (originHost !== host && originHost !== forwarded) throw new AppError('csrf_failed', 'Cross-origin request refused');
}

export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('unauthenticated');
  return req.actor;
}
