import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/connect.js';
import type { JobRow } from '../../db/schema.js';
import { claimJobs, completeJob, failJob } from './queue.js';

/** A job handler. Jobs may run more than once (a lost lease, a crash after the work): handlers must be idempotent. */
export type JobHandler = (job: { id: number; kind: string; payload: unknown; attempts: number }, db: Db) => Promise<void>;

/** Thrown by a handler when a retry cannot help (a malformed payload, a mail server's permanent rejection): the job fails at once. */
export class PermanentJobError extends Error {}

export type WorkerOptions = {
  db: Db;
  handlers: Record<string, JobHandler>;
  log: Pick<FastifyBaseLogger, 'warn' | 'error'>;
  pollMs?: number;
  batch?: number;
  leaseMs?: number;
};

export type JobWorker = { id: string; runOnce: () => Promise<number>; stop: () => Promise<void> };

/**
 * Polls for due jobs and runs them one batch at a time. `stop` lets the batch in hand
 * finish; anything it does not finish is reclaimed by another worker when its lease ends.
 */
export function startJobWorker(options: WorkerOptions, autoStart = true): JobWorker {
  const id = `worker-${randomUUID()}`;
  const { db, handlers, log } = options;
  const pollMs = options.pollMs ?? 1000;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;

  async function runJob(job: JobRow): Promise<void> {
    const handler = handlers[job.kind];
    try {
      if (!handler) throw new Error(`No handler for job kind "${job.kind}"`);
      await handler({ id: job.id, kind: job.kind, payload: JSON.parse(job.payload), attempts: job.attempts }, db);
      await completeJob(db.kysely, job, id);
    } catch (error) {
      const final = !handler || error instanceof PermanentJobError;
      const outcome = await failJob(db.kysely, final ? { ...job, attempts: job.max_attempts } : job, id, error);
      log[outcome === 'failed' ? 'error' : 'warn']({ err: error, jobId: job.id, kind: job.kind, attempts: job.attempts }, `job ${outcome}`);
    }
  }

  async function runOnce(): Promise<number> {
    const jobs = await claimJobs(db, id, options.batch ?? 10, options.leaseMs ?? 60_000);
    for (const job of jobs) await runJob(job);
    return jobs.length;
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runOnce()
        .catch((error: unknown) => {
          log.error({ err: error }, 'job polling failed');
          return 0;
        })
        .then((count) => {
          running = null;
          // A full batch suggests more are due: poll again at once.
          if (count >= (options.batch ?? 10)) setImmediate(schedule);
          else schedule();
          return count;
        });
    }, pollMs);
    timer.unref();
  }

  if (autoStart) schedule();
  return {
    id,
    runOnce,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (running) await running;
    },
  };
}
