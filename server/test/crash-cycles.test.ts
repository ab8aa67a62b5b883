import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Page, RecordItem, AuditVerifyResult as Verify } from '@keel/shared';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Client } from './client.js';
import { buildServer, cleanUp, freshInstallation, type Installation, SPAWNED_PASSWORD, type Spawned, startKeel } from './spawn.js';

// Crash safety: kill -9 the real server again and again while clients write, then check that
// every acknowledged write is there exactly once and the audit chain is intact.
// The long run: KEEL_CRASH_CYCLES=50 npx vitest run --project api server/test/crash-cycles.test.ts
const CYCLES = Number(process.env.KEEL_CRASH_CYCLES ?? 4);
const WRITERS = 4;

type Attempt = { key: string; title: string; acknowledged: string | null; renamed: string | null };

/** A writer creating tasks (each with an Idempotency-Key) and commenting on them until the server dies. */
async function write(keel: Spawned, attempts: Attempt[], writer: number, cycle: number): Promise<void> {
  const client = new Client(keel.url);
  if ((await client.login('admin', SPAWNED_PASSWORD).catch(() => null))?.status !== 200) return;
  for (let i = 0; ; i++) {
    const attempt: Attempt = { key: randomUUID(), title: `crash ${cycle}.${writer}.${i} 断电`, acknowledged: null, renamed: null };
    attempts.push(attempt);
    try {
      const reply = await client.post<RecordItem>('/api/v1/tasks', { title: attempt.title }, { 'idempotency-key': attempt.key });
      if (reply.status !== 201) return;
      attempt.acknowledged = reply.body.number;
      await client.post(`/api/v1/tasks/${reply.body.number}/comments`, { body: `note ${i}` });
      const renamed = `${attempt.title} ✓`;
      const update = await client.patch(`/api/v1/tasks/${reply.body.number}`, { title: renamed, impact: 2 }, { 'if-match': '"v1"' });
      if (update.status === 200) attempt.renamed = renamed;
    } catch {
      return;
    }
  }
}

const COUNTS = z.object({
  recordsWithoutAudit: z.coerce.number(),
  auditWithoutRecord: z.coerce.number(),
  updatesWithoutAudit: z.coerce.number(),
});

/** Straight from the database after the last restart: writes without their audit event (or the reverse) and the engine's own check. */
async function halfWritten(place: Installation) {
  const counts = `select
      (select count(*) from records r where not exists (select 1 from audit_events a where a.action = 'record.created' and a.object_id = cast(r.id as text))) as "recordsWithoutAudit",
      (select count(*) from audit_events a where a.action = 'record.created' and not exists (select 1 from records r where cast(r.id as text) = a.object_id)) as "auditWithoutRecord",
      (select count(*) from journal_entries j where j.kind = 'field_change' and not exists (select 1 from audit_events a where a.action = 'record.updated' and a.object_id = cast(j.record_id as text))) as "updatesWithoutAudit"`;
  if (place.databaseUrl) {
    const client = new pg.Client({ connectionString: place.databaseUrl });
    await client.connect();
    try {
      const row = COUNTS.parse((await client.query(counts)).rows[0]);
      // PostgreSQL checks pages as it reads them; reading every table through is its integrity check.
      await client.query('select count(*) from records; select count(*) from audit_events; select count(*) from journal_entries');
      return {
        recordsWithoutAudit: Number(row.recordsWithoutAudit),
        auditWithoutRecord: Number(row.auditWithoutRecord),
        updatesWithoutAudit: Number(row.updatesWithoutAudit),
        integrity: 'ok',
      };
    } finally {
      await client.end();
    }
  }
  const sqlite = new Database(path.join(place.dataDir, 'keel.db'), { readonly: true });
  try {
    const row = COUNTS.parse(sqlite.prepare(counts).get());
    const integrity = sqlite.pragma('integrity_check', { simple: true });
    const foreignKeys = sqlite.pragma('foreign_key_check');
    return { ...row, integrity: Array.isArray(foreignKeys) && foreignKeys.length > 0 ? 'foreign keys broken' : integrity };
  } finally {
    sqlite.close();
  }
}

async function allTasks(client: Client): Promise<RecordItem[]> {
  const items: RecordItem[] = [];
  let cursor: string | null = null;
  do {
    const page: { body: Page<RecordItem> } = await client.get<Page<RecordItem>>(
      `/api/v1/tasks?limit=200${cursor ? `&cursor=${cursor}` : ''}`,
    );
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
}

describe('crash safety of the records engine', () => {
  const installations: Installation[] = [];
  beforeAll(buildServer, 120_000);
  afterAll(() => cleanUp(installations));

  it(
    `keeps every acknowledged record exactly once through ${CYCLES} kill -9 cycles under concurrent writes`,
    async () => {
      const place = await freshInstallation();
      installations.push(place);
      const attempts: Attempt[] = [];
      for (let cycle = 0; cycle < CYCLES; cycle++) {
        const keel = await startKeel(place);
        const writers = Array.from({ length: WRITERS }, (_, w) => write(keel, attempts, w, cycle));
        // Kill once this cycle has had writes acknowledged (a busy machine is slower than a quiet
        // one), then a little later each cycle, so the kill lands at different points of a write.
        const before = attempts.filter((a) => a.acknowledged).length;
        const deadline = Date.now() + 30_000;
        while (attempts.filter((a) => a.acknowledged).length - before <= WRITERS && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await new Promise((resolve) => setTimeout(resolve, cycle * 150));
        keel.child.kill('SIGKILL');
        await keel.exited;
        await Promise.all(writers);
      }

      const keel = await startKeel(place);
      const admin = new Client(keel.url);
      expect((await admin.login('admin', SPAWNED_PASSWORD)).status).toBe(200);
      // Retrying every attempt with its key must never create a second copy of an acknowledged one.
      for (const attempt of attempts) {
        const retry = await admin.post<RecordItem>('/api/v1/tasks', { title: attempt.title }, { 'idempotency-key': attempt.key });
        expect(retry.status).toBe(201);
        if (attempt.acknowledged) expect(retry.body.number).toBe(attempt.acknowledged);
      }
      const tasks = await allTasks(admin);
      const acknowledged = attempts.filter((a) => a.acknowledged);
      expect(acknowledged.length).toBeGreaterThan(CYCLES * WRITERS);
      // Every acknowledged update is there: the title it set.
      expect(attempts.some((a) => a.renamed)).toBe(true);
      const byNumber = new Map(tasks.map((t) => [t.number, t]));
      for (const a of attempts.filter((x) => x.renamed)) expect(byNumber.get(a.acknowledged ?? '')?.title).toBe(a.renamed);
      const byTitle = new Map<string, number>();
      for (const t of tasks) byTitle.set(t.title.replace(/ ✓$/, ''), (byTitle.get(t.title.replace(/ ✓$/, '')) ?? 0) + 1);
      expect(tasks.length).toBe(attempts.length);
      expect([...byTitle.values()].every((n) => n === 1)).toBe(true);
      // Nothing half-written: every record has its creation in the audit trail and every creation its record, and the database is sound.
      expect(await halfWritten(place)).toEqual({ recordsWithoutAudit: 0, auditWithoutRecord: 0, updatesWithoutAudit: 0, integrity: 'ok' });
      expect(new Set(tasks.map((t) => t.number)).size).toBe(tasks.length);
      expect((await admin.post<Verify>('/api/v1/audit/verify')).body).toMatchObject({ ok: true });
    },
    180_000 + CYCLES * 10_000,
  );
});
