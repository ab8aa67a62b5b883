import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { connect, type Db } from '../src/db/connect.js';
import { housekeepingHandler, scheduleHousekeeping } from '../src/platform/jobs/housekeeping.js';
import { claimJobs, enqueueJob } from '../src/platform/jobs/queue.js';
import { type JobHandler, startJobWorker } from '../src/platform/jobs/worker.js';
import { createTestDatabase, rawExec, type TestDatabase } from './harness.js';

let database: TestDatabase;
let db: Db;
const quiet = { warn: () => undefined, error: () => undefined };

/** A second, independent connection to the same database, as another Keel process would have. */
function otherProcess(): Db {
  if (database.databaseUrl) return connect({ databaseUrl: database.databaseUrl, pgSchema: database.pgSchema ?? undefined, poolSize: 3 });
  return connect({ databaseUrl: null, sqliteFile: path.join(database.dataDir, 'keel.db') });
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
});
afterAll(async () => {
  await db?.close();
  await database?.drop();
});

async function jobsOfKind(kind: string) {
  return db.kysely.selectFrom('jobs').selectAll().where('kind', '=', kind).orderBy('id').execute();
}

describe('durable jobs', () => {
  it('enqueues a job with a dedupe key once only', async () => {
    for (let i = 0; i < 3; i++) await enqueueJob(db.kysely, { kind: 'once', dedupeKey: 'breach:clock:42' });
    expect(await jobsOfKind('once')).toHaveLength(1);
  });

  it('does not claim a job before it is due', async () => {
    await enqueueJob(db.kysely, { kind: 'later', runAt: Date.now() + 60_000 });
    const claimed = await claimJobs(db, 'w1', 100, 60_000);
    expect(claimed.some((j) => j.kind === 'later')).toBe(false);
  });

  it('runs every job exactly once with two workers in two processes racing for them', async () => {
    const other = otherProcess();
    const seen: number[] = [];
    const handler: JobHandler = async (job) => {
      seen.push(Number(job.payload));
    };
    try {
      for (let i = 0; i < 120; i++) await enqueueJob(db.kysely, { kind: 'count', payload: i });
      const a = startJobWorker({ db, handlers: { count: handler }, log: quiet, batch: 7 }, false);
      const b = startJobWorker({ db: other, handlers: { count: handler }, log: quiet, batch: 7 }, false);
      for (;;) {
        const [ran1, ran2] = await Promise.all([a.runOnce(), b.runOnce()]);
        if (ran1 + ran2 === 0) break;
      }
      expect([...seen].sort((x, y) => x - y)).toEqual(Array.from({ length: 120 }, (_, i) => i));
      const rows = await jobsOfKind('count');
      expect(rows.every((r) => r.status === 'done' && r.attempts === 1)).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('retries a failing job with backoff and gives up after the last attempt', async () => {
    await enqueueJob(db.kysely, { kind: 'flaky', maxAttempts: 3 });
    const worker = startJobWorker({ db, handlers: { flaky: async () => Promise.reject(new Error('SMTP refused')) }, log: quiet }, false);
    expect(await worker.runOnce()).toBeGreaterThan(0);
    let [job] = await jobsOfKind('flaky');
    expect(job).toMatchObject({ status: 'pending', attempts: 1, last_error: 'SMTP refused' });
    expect(job?.run_at).toBeGreaterThan(Date.now() + 3_000);
    for (let attempt = 2; attempt <= 3; attempt++) {
      await rawExec(db, `update jobs set run_at = 0 where kind = 'flaky'`);
      await worker.runOnce();
    }
    [job] = await jobsOfKind('flaky');
    expect(job).toMatchObject({ status: 'failed', attempts: 3 });
    await rawExec(db, `update jobs set run_at = 0 where kind = 'flaky'`);
    expect((await claimJobs(db, 'w9', 100, 60_000)).some((j) => j.kind === 'flaky')).toBe(false);
  });

  it('fails a job of an unknown kind at once instead of retrying it', async () => {
    await enqueueJob(db.kysely, { kind: 'nobody-handles-this' });
    await startJobWorker({ db, handlers: {}, log: quiet }, false).runOnce();
    const [job] = await jobsOfKind('nobody-handles-this');
    expect(job?.status).toBe('failed');
  });

  it('gives a job whose worker died to another worker once the lease runs out', async () => {
    await enqueueJob(db.kysely, { kind: 'orphan' });
    const dead = await claimJobs(db, 'dead-worker', 100, 60_000);
    expect(dead.some((j) => j.kind === 'orphan')).toBe(true);
    expect((await claimJobs(db, 'live-worker', 100, 60_000)).some((j) => j.kind === 'orphan')).toBe(false);
    await rawExec(db, `update jobs set locked_until = ${Date.now() - 1} where kind = 'orphan'`);
    const ran: string[] = [];
    await startJobWorker({ db, handlers: { orphan: async (job) => void ran.push(job.kind) }, log: quiet }, false).runOnce();
    expect(ran).toEqual(['orphan']);
    const [job] = await jobsOfKind('orphan');
    expect(job).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('runs housekeeping once per period however many processes schedule it, and books the next run', async () => {
    const config = loadConfig({}, { dataDir: database.dataDir });
    const now = Date.now();
    await scheduleHousekeeping(db, now);
    await scheduleHousekeeping(db, now);
    expect(await jobsOfKind('housekeeping')).toHaveLength(1);
    await rawExec(db, `update sessions set expires_at = 0`);
    await rawExec(db, `update jobs set run_at = 0 where kind = 'housekeeping'`);
    await startJobWorker({ db, handlers: { housekeeping: housekeepingHandler(config) }, log: quiet }, false).runOnce();
    const runs = await jobsOfKind('housekeeping');
    expect(runs.map((r) => r.status)).toEqual(['done', 'pending']);
    expect(runs[1]?.run_at).toBeGreaterThan(now);
  });
});
