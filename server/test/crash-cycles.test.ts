import { randomUUID } from 'node:crypto';
import type { Page, RecordItem, AuditVerifyResult as Verify } from '@keel/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from './client.js';
import { buildServer, cleanUp, freshInstallation, type Installation, SPAWNED_PASSWORD, type Spawned, startKeel } from './spawn.js';

// Crash safety: kill -9 the real server again and again while clients write, then check that
// every acknowledged write is there exactly once and the audit chain is intact.
const CYCLES = 4;
const WRITERS = 4;

type Attempt = { key: string; title: string; acknowledged: string | null };

/** A writer creating tasks (each with an Idempotency-Key) and commenting on them until the server dies. */
async function write(keel: Spawned, attempts: Attempt[], writer: number, cycle: number): Promise<void> {
  const client = new Client(keel.url);
  if ((await client.login('admin', SPAWNED_PASSWORD).catch(() => null))?.status !== 200) return;
  for (let i = 0; ; i++) {
    const attempt: Attempt = { key: randomUUID(), title: `crash ${cycle}.${writer}.${i} 断电`, acknowledged: null };
    attempts.push(attempt);
    try {
      const reply = await client.post<RecordItem>('/api/v1/tasks', { title: attempt.title }, { 'idempotency-key': attempt.key });
      if (reply.status !== 201) return;
      attempt.acknowledged = reply.body.number;
      await client.post(`/api/v1/tasks/${reply.body.number}/comments`, { body: `note ${i}` });
    } catch {
      return;
    }
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

  it(`keeps every acknowledged record exactly once through ${CYCLES} kill -9 cycles under concurrent writes`, async () => {
    const place = await freshInstallation();
    installations.push(place);
    const attempts: Attempt[] = [];
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const keel = await startKeel(place);
      const writers = Array.from({ length: WRITERS }, (_, w) => write(keel, attempts, w, cycle));
      await new Promise((resolve) => setTimeout(resolve, 400 + cycle * 150));
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
    const byTitle = new Map<string, number>();
    for (const t of tasks) byTitle.set(t.title, (byTitle.get(t.title) ?? 0) + 1);
    expect(tasks.length).toBe(attempts.length);
    expect([...byTitle.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(tasks.map((t) => t.number)).size).toBe(tasks.length);
    expect((await admin.post<Verify>('/api/v1/audit/verify')).body).toMatchObject({ ok: true });
  }, 180_000);
});
