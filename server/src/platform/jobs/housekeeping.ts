import type { Config } from '../../config.js';
import type { Db } from '../../db/connect.js';
import { blobStore } from '../attachments/blob-store.js';
import { collectOrphanBlobs } from '../attachments/collect.js';
import { purgeExpiredSessions } from '../auth/sessions.js';
import { purgeIdempotencyKeys } from '../http/idempotency.js';
import { enqueueJob } from './queue.js';
import type { JobHandler } from './worker.js';

export const HOUSEKEEPING_EVERY_MS = 10 * 60_000;

/** The key of a period's housekeeping run: every process enqueues it, one runs it. */
const periodKey = (at: number) => `housekeeping:${Math.floor(at / HOUSEKEEPING_EVERY_MS)}`;

export async function scheduleHousekeeping(db: Db, at = Date.now()): Promise<void> {
  const next = (Math.floor(at / HOUSEKEEPING_EVERY_MS) + 1) * HOUSEKEEPING_EVERY_MS;
  await enqueueJob(db.kysely, { kind: 'housekeeping', runAt: next, payload: { at: next }, dedupeKey: periodKey(next), maxAttempts: 3 });
}

/** Purges expired sessions, idempotency keys and unused attachment contents, then books the next period's run. */
export function housekeepingHandler(config: Config): JobHandler {
  return async (job, db) => {
    await purgeExpiredSessions(db.kysely, config);
    await purgeIdempotencyKeys(db);
    await collectOrphanBlobs(db, blobStore(config));
    // The next run follows this run's own period, even when this one ran late or early.
    const at = typeof job.payload === 'object' && job.payload !== null && 'at' in job.payload ? Number(job.payload.at) : Date.now();
    await scheduleHousekeeping(db, Number.isFinite(at) ? at : Date.now());
  };
}
