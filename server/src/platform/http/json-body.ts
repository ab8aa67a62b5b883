import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Replaces Fastify's JSON parser: bytes must be valid UTF-8 (Fastify would quietly turn
 * bad bytes into U+FFFD and store them) and `__proto__`/`constructor.prototype` keys are refused.
 */
export function registerJsonBody(app: FastifyInstance): void {
  app.removeContentTypeParser(['application/json']);
  app.addContentTypeParser(['application/json', 'application/problem+json'], { parseAs: 'buffer' }, (_req, body, done) => {
    const buffer = body as Buffer;
    if (buffer.length === 0) {
      done(null, undefined);
      return;
    }
    let textBody: string;
    try {
      textBody = strictUtf8.decode(buffer);
    } catch {
      done(new AppError('invalid_utf8'), undefined);
      return;
    }
    try {
      done(null, JSON.parse(textBody, rejectPrototypeKeys));
    } catch (error) {
      if (error instanceof AppError) done(error, undefined);
      else done(new AppError('malformed_json', error instanceof Error ? error.message : undefined), undefined);
    }
  });
}

function rejectPrototypeKeys(key: string, value: unknown): unknown {
  if (key === '__proto__' || key === 'constructor') {
    throw new AppError('validation_failed', `The key "${key}" is not allowed`, {
      errors: [{ path: key, message: 'Forbidden key' }],
    });
  }
  return value;
}
