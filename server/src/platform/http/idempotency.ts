import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import type { Db } from '../../db/connect.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { Database } from '../../db/schema.js';
import { sha256 } from '../auth/secrets.js';
import { AppError } from '../errors.js';
import { actorOf } from './authenticate.js';
import { setEtag } from './etag.js';

const KEY_PATTERN = /^[\x21-\x7E]{1,200}$/;
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

export type Created<T> = { status: 201; body: T; replayed: boolean };

/**
 * Runs a create in one transaction. With an `Idempotency-Key` header the response is
 * stored in that same transaction, so a retry of the same request (even racing the first)
 * gets the first answer instead of a second record; the same key with a different body is 422.
 * A request whose body is not JSON (a file upload) passes `content`: what identifies it instead.
 */
export async function idempotentCreate<T>(
  db: Db,
  req: FastifyRequest,
  run: (trx: Transaction<Database>) => Promise<T>,
  content: string = JSON.stringify(req.body ?? null),
): Promise<Created<T>> {
  const key = req.headers['idempotency-key'];
  if (key === undefined) {
    return { status: 201, body: await db.kysely.transaction().execute(run), replayed: false };
  }
  if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
    throw new AppError('validation_failed', 'Idempotency-Key must be 1–200 visible ASCII characters', {
      errors: [{ path: 'Idempotency-Key', message: 'Invalid header' }],
    });
  }
  const actorId = actorOf(req).userId;
  const path = req.routeOptions.url ?? req.url;
  const requestHash = sha256(`${req.method} ${req.url}\n${content}`);
  const earlier = await replay<T>(db, actorId, key, requestHash);
  if (earlier) return earlier;
  try {
    const body = await db.kysely.transaction().execute(async (trx) => {
      const result = await run(trx);
      await trx
        .insertInto('idempotency_keys')
        .values({
          actor_id: actorId,
          key,
          method: req.method,
          path,
          request_hash: requestHash,
          status: 201,
          response_body: JSON.stringify(result),
          created_at: Date.now(),
        })
        .execute();
      return result;
    });
    return { status: 201, body, replayed: false };
  } catch (error) {
    if (isUniqueViolation(error)) {
      const raced = await replay<T>(db, actorId, key, requestHash);
      if (raced) return raced;
    }
    throw error;
  }
}

async function replay<T>(db: Db, actorId: number, key: string, requestHash: string): Promise<Created<T> | null> {
  const row = await db.kysely
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'response_body'])
    .where('actor_id', '=', actorId)
    .where('key', '=', key)
    .executeTakeFirst();
  if (!row) return null;
  if (row.request_hash !== requestHash) throw new AppError('idempotency_key_reused');
  return { status: 201, body: JSON.parse(row.response_body), replayed: true };
}

export async function purgeIdempotencyKeys(db: Db): Promise<void> {
  await db.kysely
    .deleteFrom('idempotency_keys')
    .where('created_at', '<', Date.now() - IDEMPOTENCY_TTL_MS)
    .execute();
}

/** Answers a create: 201, the ETag when the record is versioned, and a marker on a replay. */
export function sendCreated<T extends object>(reply: FastifyReply, created: Created<T>) {
  if ('version' in created.body && typeof created.body.version === 'number') setEtag(reply, created.body.version);
  if (created.replayed) reply.header('idempotent-replayed', 'true');
  return reply.status(created.status).send(created.body);
}
