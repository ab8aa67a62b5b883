import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Db } from '../src/db/connect.js';
import { Client, problemOf } from './client.js';
import { adminClient } from './factories.js';
import { ADMIN_PASSWORD, createTestDatabase, DIALECT, startTestServer, type TestDatabase, type TestServer } from './harness.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

describe('health and readiness', () => {
  it('answers /healthz with 200', async () => {
    const reply = await new Client(server.url).get<{ status: string }>('/healthz');
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe('ok');
  });

  it('answers /readyz with 200 naming the database dialect', async () => {
    const reply = await new Client(server.url).get<{ status: string; database: string }>('/readyz');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status: 'ready', database: DIALECT });
  });

  it('answers /readyz with 503 problem+json once the database is gone, while /healthz stays up', async () => {
    const database = await createTestDatabase();
    const lonely = await startTestServer({}, database);
    try {
      const client = new Client(lonely.url);
      expect((await client.get('/readyz')).status).toBe(200);
      await database.db.close();
      const reply = await client.get('/readyz');
      expect(reply.status).toBe(503);
      expect(reply.headers.get('content-type')).toContain('application/problem+json');
      expect(problemOf(reply).code).toBe('service_unavailable');
      expect((await client.get('/healthz')).status).toBe(200);
    } finally {
      await lonely.close();
      await database.drop();
    }
  });
});

describe('metrics', () => {
  it('exposes Prometheus text counting requests by route template, never by raw URL', async () => {
    const admin = await adminClient(server);
    for (let i = 0; i < 3; i++) expect((await admin.get('/api/v1/me')).status).toBe(200);
    expect((await admin.get('/api/v1/groups/987654')).status).toBe(404);
    const reply = await new Client(server.url).get('/metrics');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toContain('text/plain');
    expect(reply.text).toContain('# TYPE keel_http_requests_total counter');
    const me = /^keel_http_requests_total\{method="GET",route="\/api\/v1\/me",status="200"\} (\d+)$/m.exec(reply.text);
    expect(Number(me?.[1])).toBeGreaterThanOrEqual(3);
    expect(reply.text).toMatch(/^keel_http_requests_total\{method="GET",route="\/api\/v1\/groups\/:id",status="404"\} \d+$/m);
    expect(reply.text).not.toContain('987654');
    expect(reply.text).toContain('keel_http_request_duration_seconds_bucket');
    expect(reply.text).toContain('keel_process_resident_memory_bytes');
  });
});

describe('API documentation', () => {
  it('serves an OpenAPI 3 document listing the sign-in and profile endpoints', async () => {
    const reply = await new Client(server.url).get<{ openapi: string; paths: Record<string, Record<string, unknown>> }>('/api/docs/json');
    expect(reply.status).toBe(200);
    expect(reply.body.openapi).toMatch(/^3\./);
    expect(Object.keys(reply.body.paths['/api/v1/auth/login'] ?? {})).toContain('post');
    expect(Object.keys(reply.body.paths['/api/v1/me'] ?? {})).toEqual(expect.arrayContaining(['get', 'patch']));
    expect(reply.body.paths['/healthz']).toBeUndefined();
  });

  it('serves the interactive documentation as HTML', async () => {
    const response = await fetch(`${server.url}/api/docs`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toMatch(/swagger/i);
  });

  it('serves the documentation with a CSP that works over plain HTTP and forbids framing', async () => {
    const response = await fetch(`${server.url}/api/docs/static/index.html`);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    // A browser would fetch the scripts over https from a server that speaks only http: a blank page.
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("'unsafe-inline'");
  });
});

describe('response headers', () => {
  const requests: { what: string; url: string; signedIn: boolean; status: number }[] = [
    { what: 'a signed-in read', url: '/api/v1/me', signedIn: true, status: 200 },
    { what: 'an unauthenticated read', url: '/api/v1/users', signedIn: false, status: 401 },
    { what: 'an unknown API route', url: '/api/v1/no-such-thing', signedIn: true, status: 404 },
    { what: 'a health check', url: '/healthz', signedIn: false, status: 200 },
  ];

  for (const { what, url, signedIn, status } of requests) {
    it(`sets a request id, nosniff, a strict CSP and (under /api) no-store on ${what}`, async () => {
      const client = signedIn ? await adminClient(server) : new Client(server.url);
      const reply = await client.get(url);
      expect(reply.status).toBe(status);
      expect(reply.headers.get('x-request-id')).toMatch(/^[A-Za-z0-9._-]{1,64}$/);
      expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
      const csp = reply.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
      expect(scriptSrc).toContain("'self'");
      expect(scriptSrc).not.toContain("'unsafe-inline'");
      expect(scriptSrc).not.toContain("'unsafe-eval'");
      if (url.startsWith('/api/')) expect(reply.headers.get('cache-control')).toBe('no-store');
    });
  }

  it('echoes a plain caller X-Request-Id, in the header and in a problem body', async () => {
    const reply = await new Client(server.url).get('/api/v1/me', { 'x-request-id': 'trace-42.abc_DEF' });
    expect(reply.status).toBe(401);
    expect(reply.headers.get('x-request-id')).toBe('trace-42.abc_DEF');
    expect(problemOf(reply).requestId).toBe('trace-42.abc_DEF');
  });

  it('replaces a caller request id that is too long or not plain with its own', async () => {
    for (const given of ['x'.repeat(65), 'has spaces in it', 'new\\line']) {
      const reply = await new Client(server.url).get('/healthz', { 'x-request-id': given });
      const id = reply.headers.get('x-request-id');
      expect(id).not.toBe(given);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('gives each request its own id', async () => {
    const client = new Client(server.url);
    const ids = new Set<string | null>();
    for (let i = 0; i < 5; i++) ids.add((await client.get('/healthz')).headers.get('x-request-id'));
    expect(ids.size).toBe(5);
  });
});

describe('unknown routes', () => {
  it('answers an unknown API route with 404 problem+json route_not_found, for any method', async () => {
    const admin = await adminClient(server);
    for (const method of ['GET', 'POST', 'DELETE']) {
      const reply = await admin.request(method, '/api/v1/definitely/not/here');
      expect(reply.status, method).toBe(404);
      expect(reply.headers.get('content-type')).toContain('application/problem+json');
      expect(problemOf(reply).code).toBe('route_not_found');
    }
  });

  it('answers an unknown page with 404 problem+json when no web app is built', async () => {
    const reply = await new Client(server.url).get('/some/page');
    expect(reply.status).toBe(404);
    expect(problemOf(reply).code).toBe('route_not_found');
  });
});

type Group = { id: number; name: string };
type Verify = { ok: boolean; checked: number; firstBadId: number | null };

/** A second connection to the same database, as a second Keel process would open. */
function secondConnection(database: TestDatabase): Db {
  return database.databaseUrl
    ? connect({ databaseUrl: database.databaseUrl, pgSchema: database.pgSchema ?? undefined, poolSize: 5 })
    : connect({ databaseUrl: null, sqliteFile: path.join(database.dataDir, 'keel.db') });
}

describe('two Keel instances on one database', () => {
  let database: TestDatabase;
  let otherDb: Db;
  let one: TestServer;
  let two: TestServer;

  beforeAll(async () => {
    database = await createTestDatabase();
    otherDb = secondConnection(database);
    one = await startTestServer({}, database);
    two = await startTestServer({}, { ...database, db: otherDb });
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await otherDb?.close();
    await database?.db.close();
    await database?.drop();
  });

  it('serves a group created through one instance from the other', async () => {
    const adminOne = await adminClient(one);
    const adminTwo = await adminClient(two);
    const created = await adminOne.post<Group>('/api/v1/groups', { name: 'Seen from both' });
    expect(created.status).toBe(201);
    const read = await adminTwo.get<Group>(`/api/v1/groups/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.name).toBe('Seen from both');
    expect(read.headers.get('etag')).toBe(created.headers.get('etag'));
  });

  it('accepts a session started on one instance at the other, for reads and CSRF-checked writes', async () => {
    const client = new Client(one.url);
    expect((await client.login('admin', ADMIN_PASSWORD)).status).toBe(200);
    const elsewhere = new Client(two.url);
    elsewhere.cookie = client.cookie;
    elsewhere.csrf = client.csrf;
    const me = await elsewhere.get<{ username: string }>('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.username).toBe('admin');
    expect((await elsewhere.post('/api/v1/groups', { name: 'Written with a session from one' })).status).toBe(201);
    expect((await elsewhere.post('/api/v1/auth/logout')).status).toBe(204);
    expect((await client.get('/api/v1/me')).status).toBe(401);
  });

  it('keeps the audit chain intact under concurrent writes through both instances', async () => {
    const adminOne = await adminClient(one);
    const adminTwo = await adminClient(two);
    const before = await adminOne.post<Verify>('/api/v1/audit/verify');
    expect(before.body.ok).toBe(true);
    const writes = 20;
    const replies = await Promise.all(
      Array.from({ length: writes }, (_, i) =>
        (i % 2 === 0 ? adminOne : adminTwo).post<Group>('/api/v1/groups', { name: `Concurrent ${i}` }),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(writes).fill(201));
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(writes);
    const after = await adminTwo.post<Verify>('/api/v1/audit/verify');
    expect(after.body).toMatchObject({ ok: true, firstBadId: null });
    // The first verify records an event of its own, then one event per write.
    expect(after.body.checked).toBe(before.body.checked + 1 + writes);
  });
});

const ROOT = path.resolve(import.meta.dirname, '../..');
const SPAWNED_PASSWORD = 'Spawned-Keel-42!';

type Spawned = { url: string; child: ChildProcess; output: () => string; exited: Promise<number | null> };
type Installation = { dataDir: string; databaseUrl: string | null; drop: () => Promise<void> };

const running = new Set<Spawned>();
const installations: Installation[] = [];

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function pgAdmin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.KEEL_TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A data directory and, on PostgreSQL, a database of its own: `keel start` uses the public schema. */
async function freshInstallation(): Promise<Installation> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-ops-'));
  const removeDir = async () => fs.rmSync(dataDir, { recursive: true, force: true });
  if (DIALECT === 'sqlite') return { dataDir, databaseUrl: null, drop: removeDir };
  const name = `keel_ops_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await pgAdmin(`create database ${name}`);
  const url = new URL(process.env.KEEL_TEST_DATABASE_URL ?? '');
  url.pathname = `/${name}`;
  return {
    dataDir,
    databaseUrl: url.toString(),
    drop: async () => {
      await pgAdmin(`drop database if exists ${name} with (force)`);
      await removeDir();
    },
  };
}

/** Polls /readyz until the server answers 200; fails with the server's output if it exits or takes too long. */
async function waitUntilReady(spawned: Spawned, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void spawned.exited.then(() => {
    exited = true;
  });
  while (Date.now() < deadline && !exited) {
    try {
      if ((await fetch(`${spawned.url}/readyz`)).status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Keel did not become ready:\n${spawned.output()}`);
}

/** Runs the built `keel start` as production does, on a free port. */
async function startKeel(installation: Installation, logLevel = 'warn'): Promise<Spawned> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    KEEL_DATA_DIR: installation.dataDir,
    KEEL_ADMIN_PASSWORD: SPAWNED_PASSWORD,
    KEEL_LOG_LEVEL: logLevel,
    KEEL_WEB_DIR: path.join(installation.dataDir, 'no-web'),
  };
  if (installation.databaseUrl) env.KEEL_DATABASE_URL = installation.databaseUrl;
  else delete env.KEEL_DATABASE_URL;
  const child = spawn(process.execPath, ['bin/keel.js', 'start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const spawned = { url: `http://127.0.0.1:${port}`, child, output: () => output, exited };
  running.add(spawned);
  void exited.then(() => running.delete(spawned));
  await waitUntilReady(spawned);
  return spawned;
}

/** The exit code, or 'still running' when the process outlives the deadline. */
async function exitWithin(spawned: Spawned, ms: number): Promise<number | null | 'still running'> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'still running'>((resolve) => {
    timer = setTimeout(() => resolve('still running'), ms);
  });
  try {
    return await Promise.race([spawned.exited, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves once `count` log lines of the running server satisfy `match` (the server's own evidence, not a sleep). */
type LogLine = { msg?: string; req?: { url?: string } };

async function waitForLogLines(spawned: Spawned, match: (line: LogLine) => boolean, count: number): Promise<void> {
  const seen = () =>
    spawned
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line): LogLine => JSON.parse(line))
      .filter(match).length;
  while (seen() < count) {
    const exited = await Promise.race([
      spawned.exited.then(() => true),
      new Promise<false>((resolve) => spawned.child.stdout?.once('data', () => resolve(false))),
    ]);
    if (exited) throw new Error(`Keel exited while waiting for its log:\n${spawned.output()}`);
  }
}

describe('the production server process', () => {
  beforeAll(() => {
    // Always rebuild incrementally (a no-op when up to date) so the process runs the code under test.
    const build = spawnSync('npx', ['tsc', '-b', 'shared', 'server'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npx tsc -b shared server failed:\n${build.stdout}\n${build.stderr}`);
  }, 120_000);
  afterAll(async () => {
    for (const spawned of running) {
      spawned.child.kill('SIGKILL');
      await spawned.exited;
    }
    for (const installation of installations) await installation.drop();
  });

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
