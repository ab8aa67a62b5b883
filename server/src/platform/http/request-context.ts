import type { FastifyRequest } from 'fastify';
import type { Dialect } from '../../db/connect.js';
import type { AuditContext } from '../audit/append.js';

/** The audit context of a request: actor, address, request id and whether this server sends mail. */
export function auditContext(req: FastifyRequest, dialect: Dialect): AuditContext {
  return {
    actorId: req.actor?.userId ?? null,
    actorName: req.actor?.username ?? null,
    ip: req.ip ?? null,
    requestId: req.id,
    dialect,
    mail: req.server.mailEnabled,
  };
}
