import type { Group, AuditVerifyResult as Verify } from '@keel/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from './client.js';
import {
  buildServer,
  cleanUp,
  exitWithin,
  freshInstallation,
  type Installation,
  SPAWNED_PASSWORD,
  startKeel,
  waitForLogLines,
} from './spawn.js';

// The real `keel start` process: graceful shutdown, durability through kill -9, two processes on one database.
const installations: Installation[] = [];

describe('the production server process', () => {
  beforeAll(buildServer, 120_000);
  afterAll(() => cleanUp(installations));

  async function installation(): Promise<Installation> {
    const created = await freshInstallation();
    installations.push(created);
    return created;
  }

  it('finishes in-flight requests on SIGTERM, then exits 0', async () => {
    const keel = await startKeel(await installation(), 'info');
    const inFlight = 6;
    let answeredBeforeSignal = 0;
    let signalled = false;
    const signIns = Array.from({ length: inFlight }, () =>
      new Client(keel.url).login('admin', SPAWNED_PASSWORD).then((reply) => {
        if (!signalled) answeredBeforeSignal++;
        return reply;
      }),
    );
    await waitForLogLines(keel, (line) => line.msg === 'incoming request' && line.req?.url === '/api/v1/auth/login', inFlight);
    signalled = keel.child.kill('SIGTERM');
    expect(signalled).toBe(true);
    const replies = await Promise.all(signIns);
    expect(replies.map((r) => r.status)).toEqual(Array(inFlight).fill(200));
    // Each sign-in costs an argon2 hash, so they were still being served when the signal came.
    expect(answeredBeforeSignal).toBeLessThan(inFlight);
    // Keep-alive clients (browsers, proxies, fetch) must not hold the exit until the forced timeout.
    expect(await exitWithin(keel, 10_000)).toBe(0);
    expect(keel.output()).toContain('shutting down: finishing in-flight requests');
    await expect(fetch(`${keel.url}/healthz`)).rejects.toThrow();
  });

  it('keeps an acknowledged write through kill -9 and a restart on the same data', async () => {
    const place = await installation();
    const first = await startKeel(place);
    const admin = new Client(first.url);
    expect((await admin.login('admin', SPAWNED_PASSWORD)).status).toBe(200);
    const created = await admin.post<Group>('/api/v1/groups', { name: 'Survives a crash' });
    expect(created.status).toBe(201);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();

    const second = await startKeel(place);
    const again = new Client(second.url);
    expect((await again.login('admin', SPAWNED_PASSWORD)).status).toBe(200);
    const read = await again.get<Group>(`/api/v1/groups/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.name).toBe('Survives a crash');
    expect((await again.post<Verify>('/api/v1/audit/verify')).body).toMatchObject({ ok: true });
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('runs as two processes on one database with concurrent writes and an intact audit chain', async () => {
    const place = await installation();
    const one = await startKeel(place);
    const two = await startKeel(place);
    const adminOne = new Client(one.url);
    expect((await adminOne.login('admin', SPAWNED_PASSWORD)).status).toBe(200);
    const adminTwo = new Client(two.url);
    adminTwo.cookie = adminOne.cookie;
    adminTwo.csrf = adminOne.csrf;
    const before = await adminTwo.post<Verify>('/api/v1/audit/verify');
    expect(before.body.ok).toBe(true);
    const writes = 40;
    const replies = await Promise.all(
      Array.from({ length: writes }, (_, i) => (i % 2 === 0 ? adminOne : adminTwo).post<Group>('/api/v1/groups', { name: `Process ${i}` })),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(writes).fill(201));
    const after = await adminOne.post<Verify>('/api/v1/audit/verify');
    expect(after.body).toMatchObject({ ok: true, firstBadId: null });
    expect(after.body.checked).toBe(before.body.checked + 1 + writes);
    const listed = await adminTwo.get<{ items: Group[] }>('/api/v1/groups?limit=100');
    expect(listed.body.items.filter((g) => g.name.startsWith('Process ')).length).toBe(writes);
    one.child.kill('SIGTERM');
    two.child.kill('SIGTERM');
    expect([await one.exited, await two.exited]).toEqual([0, 0]);
  });
});
