import type { ErrorCode } from '@keel/shared';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isForeignKeyViolation, isUniqueViolation } from '../../db/errors.js';
import { AppError, problem } from '../errors.js';

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation_failed',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
};

/** The one place errors become problem+json; user mistakes never reach the 500 branch. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, req, reply) => {
    if (error instanceof AppError) return send(reply, req, error.code, error.message, error.extras);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = error.validation.flatMap((v) => {
        const path = v.instancePath ? v.instancePath.replace(/^\//, '').replaceAll('/', '.') : '';
        // An unknown field is named in its own entry, so a client can point at it.
        const keys = v.keyword === 'unrecognized_keys' ? unknownKeys(v.params) : [];
        if (keys.length > 0) return keys.map((key) => ({ path: path ? `${path}.${key}` : key, message: 'Unknown field' }));
        return [{ path, message: v.message ?? 'Invalid value' }];
      });
      const where = error.validationContext ?? 'body';
      return send(reply, req, 'validation_failed', `The ${where} is not valid`, { errors });
    }
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (mapped) return send(reply, req, mapped, error.message);
    if (isUniqueViolation(error)) return send(reply, req, 'duplicate');
    if (isForeignKeyViolation(error)) return send(reply, req, 'validation_failed', 'A referenced record does not exist');
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      return send(reply, req, error.statusCode === 404 ? 'not_found' : 'validation_failed', error.message);
    }
    req.log.error({ err: error }, 'unhandled error');
    return send(reply, req, 'internal');
  });
}

function unknownKeys(params: unknown): string[] {
  if (typeof params !== 'object' || params === null || !('keys' in params) || !Array.isArray(params.keys)) return [];
  return params.keys.filter((k): k is string => typeof k === 'string').map((k) => k.slice(0, 64));
}

export function send(
  reply: FastifyReply,
  req: FastifyRequest,
  code: ErrorCode,
  detail?: string,
  extras: ConstructorParameters<typeof AppError>[2] = {},
) {
  const body = problem(code, detail, req.id, extras);
  if (extras?.retryAfterSeconds !== undefined) reply.header('retry-after', String(extras.retryAfterSeconds));
  return reply.status(body.status).type('application/problem+json; charset=utf-8').send(body);
}
