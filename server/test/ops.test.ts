import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Db } from '../src/db/connect.js';
import { durabilityProblems, readDurabilitySettings } from '../src/db/durability.js';
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

describe('durability at start-up', () => {
  it('runs on a database that syncs every acknowledged write', async () => {
    const settings = await readDurabilitySettings(server.db);
    expect(durabilityProblems(server.db.dialect, settings)).toEqual([]);
  });
});
