import type { Permission } from '@keel/shared';
import type { Actor } from '../access/actor.js';

declare module 'fastify' {
  interface FastifyInstance {
    routeCatalogue: import('../../app.js').RouteInfo[];
    /** KEEL_SMTP_URL is set: notifications go by mail too. */
    mailEnabled: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in (sign-in itself, health checks). */
    public?: boolean;
    /** The permission the route needs; checked before the body is read. */
    permission?: Permission;
    /** The caller's own account (profile, password, tokens, sign-out): allowed for read-only roles too. */
    selfService?: boolean;
    /**
     * A record route of a type open to customers: a customer reaches it without the staff
     * permission, and the row visibility in its query limits them to their own records.
     */
    customers?: boolean;
  }
}
