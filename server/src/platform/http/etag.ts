import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

export const etagOf = (version: number): string => `"v${version}"`;

export function setEtag(reply: FastifyReply, version: number): void {
  reply.header('etag', etagOf(version));
}

/**
 * The version the client last saw, from If-Match; null when it sent none. A mismatch with
 * the stored version answers 412 before any change, and updates also compare the version
 * in their WHERE clause so a race between two writers is caught too.
 */
export function expectedVersion(req: FastifyRequest): number | null {
  const header = req.headers['if-match'];
  if (header === undefined) return null;
  const match = /^(?:W\/)?"v(\d{1,9})"$/.exec(header.trim());
  if (!match?.[1]) throw new AppError('precondition_failed', 'If-Match must be an ETag this API returned');
  return Number.parseInt(match[1], 10);
}

export function checkVersion(expected: number | null, current: number): void {
  if (expected !== null && expected !== current) throw new AppError('precondition_failed');
}

/**
 * The second half of optimistic locking: an `UPDATE … WHERE version = <loaded>` that matched
 * no row means another writer got there between our read and our write.
 */
export function assertUpdated(result: { numUpdatedRows: bigint }): void {
  if (result.numUpdatedRows === 0n) throw new AppError('precondition_failed');
}
