import { type Kysely, sql } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { Database, JobRow } from '../../db/schema.js';
import { retryDelayMs } from './backoff.js';

export type EnqueueInput = {
  kind: string;
  payload?: unknown;
  /** When the job may run; now by default. */
  runAt?: number;
  /** A job with the same key is enqueued once only, whatever its state. */
  dedupeKey?: string;
  maxAttempts?: number;
};

/** Adds a job inside the caller's transaction, so it exists exactly when the write that needs it commits. */
export async function enqueueJob(db: Kysely<Database>, input: EnqueueInput): Promise<boolean> {
  const now = Date.now();
  const result = await db
    .insertInto('jobs')
    .values({
      kind: input.kind,
      payload: JSON.stringify(input.payload ?? null),
      dedupe_key: input.dedupeKey ?? null,
      status: 'pending',
      run_at: input.runAt ?? now,
      attempts: 0,
      max_attempts: input.maxAttempts ?? 8,
      created_at: now,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  // False when a job with the same dedupe key already exists.
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/**
 * Claims up to `limit` due jobs for one worker, for `leaseMs`. A job whose lease ran out
 * (its worker died) is due again. On PostgreSQL, `FOR UPDATE SKIP LOCKED` lets many
 * processes claim at once without waiting on each other or taking the same job; on SQLite
 * the single UPDATE is atomic under its one writer.
 */
export async function claimJobs(db: Db, workerId: string, limit: number, leaseMs: number): Promise<JobRow[]> {
  const now = Date.now();
  const lock = db.dialect === 'postgres' ? sql`for update skip locked` : sql``;
  const result = await sql<JobRow>`
    update jobs set status = 'running', locked_by = ${workerId}, locked_until = ${now + leaseMs}, attempts = attempts + 1
    where id in (
      select id from jobs
      where (status = 'pending' and run_at <= ${now}) or (status = 'running' and locked_until < ${now})
      order by run_at, id
      limit ${limit}
      ${lock}
    )
    returning *`.execute(db.kysely);
  return result.rows;
}

/** Marks a job done — only if this worker still holds it (a job reclaimed after a lost lease is not touched). */
export async function completeJob(db: Kysely<Database>, job: JobRow, workerId: string): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ status: 'done', finished_at: Date.now(), locked_by: null, locked_until: null, last_error: null })
    .where('id', '=', job.id)
    .where('locked_by', '=', workerId)
    .execute();
}

/** Schedules a retry with backoff, or gives up after the last attempt. */
export async function failJob(db: Kysely<Database>, job: JobRow, workerId: string, error: unknown): Promise<'retry' | 'failed'> {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
  const final = job.attempts >= job.max_attempts;
  await db
    .updateTable('jobs')
    .set({
      status: final ? 'failed' : 'pending',
      run_at: final ? job.run_at : Date.now() + retryDelayMs(job.attempts),
      finished_at: final ? Date.now() : null,
      locked_by: null,
      locked_until: null,
      last_error: message,
    })
    .where('id', '=', job.id)
    .where('locked_by', '=', workerId)
    .execute();
  return final ? 'failed' : 'retry';
}
