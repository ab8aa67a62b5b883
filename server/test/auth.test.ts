import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, problemOf } from './client.js';
import { adminClient, createUser, USER_PASSWORD } from './factories.js';
import { ADMIN_PASSWORD, rawExec, startTestServer, type TestServer } from './harness.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ login: { maxFailures: 3, windowMinutes: 15, lockMinutes: 15, maxFailuresPerIp: 1000 } });
});
afterAll(async () => server?.close());

describe('sign-in', () => {
  it('rejects a request without a session with 401 problem+json', async () => {
    const reply = await new Client(server.url).get('/api/v1/me');
    expect(reply.status).toBe(401);
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
    expect(problemOf(reply).code).toBe('unauthenticated');
  });

  it('signs in with username and password, setting an HttpOnly SameSite session cookie', async () => {
    const client = new Client(server.url);
    const response = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    expect(response.status).toBe(200);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('keel_session='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    await client.login('admin', ADMIN_PASSWORD);
    const me = await client.get<{ username: string; roles: string[]; locale: string }>('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.username).toBe('admin');
    expect(me.body.roles).toContain('administrator');
    expect(['zh-CN', 'en']).toContain(me.body.locale);
  });

  it('gives the same answer for an unknown user and a wrong password', async () => {
    const client = new Client(server.url);
    const unknown = await client.login('nobody-here', 'Whatever-123');
    const wrong = await client.login('admin', 'Wrong-Password-1');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(problemOf(unknown).code).toBe('invalid_credentials');
    expect(problemOf(wrong).code).toBe('invalid_credentials');
    expect(problemOf(unknown).title).toBe(problemOf(wrong).title);
  });

  it('locks an account after repeated failures with 429 and Retry-After, and an admin can unlock it', async () => {
    const admin = await adminClient(server);
    const { user } = await createUser(server, admin);
    const client = new Client(server.url);
    for (let i = 0; i < 3; i++) expect((await client.login(user.username, 'Wrong-Password-1')).status).toBe(401);
    const locked = await client.login(user.username, USER_PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(problemOf(locked).code).toBe('account_locked');
    const listed = await admin.get<{ lockedUntil: string | null }>(`/api/v1/users/${user.id}`);
    expect(listed.body.lockedUntil).not.toBeNull();
    expect((await admin.patch(`/api/v1/users/${user.id}`, { unlock: true })).status).toBe(200);
    expect((await client.login(user.username, USER_PASSWORD)).status).toBe(200);
  });

  it('locks unknown usernames exactly like known ones (no enumeration through lockout)', async () => {
    const client = new Client(server.url);
    for (let i = 0; i < 3; i++) await client.login('ghost-user', 'Wrong-Password-1');
    const reply = await client.login('ghost-user', 'Wrong-Password-1');
    expect(reply.status).toBe(429);
    expect(problemOf(reply).code).toBe('account_locked');
  });

  it('throttles one address that guesses many usernames', async () => {
    const throttled = await startTestServer({ login: { maxFailures: 100, windowMinutes: 15, lockMinutes: 15, maxFailuresPerIp: 4 } });
    try {
      const client = new Client(throttled.url);
      for (let i = 0; i < 4; i++) await client.login(`someone${i}`, 'Wrong-Password-1');
      const reply = await client.login('admin', ADMIN_PASSWORD);
      expect(reply.status).toBe(429);
      expect(problemOf(reply).code).toBe('too_many_requests');
      expect(reply.headers.get('retry-after')).toBeTruthy();
    } finally {
      await throttled.close();
    }
  });

  it('refuses a disabled account', async () => {
    const admin = await adminClient(server);
    const { user, client } = await createUser(server, admin);
    expect((await admin.patch(`/api/v1/users/${user.id}`, { active: false })).status).toBe(200);
    expect((await client.get('/api/v1/me')).status).toBe(401);
    const again = await new Client(server.url).login(user.username, USER_PASSWORD);
    expect(again.status).toBe(403);
    expect(problemOf(again).code).toBe('account_disabled');
  });
});

describe('sessions', () => {
  it('never promotes a session id from before sign-in (fixation)', async () => {
    const first = new Client(server.url);
    await first.login('admin', ADMIN_PASSWORD);
    const before = first.cookie;
    await first.login('admin', ADMIN_PASSWORD);
    expect(first.cookie).not.toBe(before);
    const stale = new Client(server.url);
    stale.cookie = before;
    expect((await stale.get('/api/v1/me')).status).toBe(401);
  });

  it('ignores a session cookie an attacker planted', async () => {
    const victim = new Client(server.url);
    victim.cookie = 'keel_session=attacker-chosen-value';
    await victim.login('admin', ADMIN_PASSWORD);
    expect(victim.cookie).not.toBe('keel_session=attacker-chosen-value');
    const attacker = new Client(server.url);
    attacker.cookie = 'keel_session=attacker-chosen-value';
    expect((await attacker.get('/api/v1/me')).status).toBe(401);
  });

  it('signs out: the old cookie no longer works', async () => {
    const client = new Client(server.url);
    await client.login('admin', ADMIN_PASSWORD);
    const cookie = client.cookie;
    expect((await client.post('/api/v1/auth/logout')).status).toBe(204);
    const replay = new Client(server.url);
    replay.cookie = cookie;
    expect((await replay.get('/api/v1/me')).status).toBe(401);
  });

  it('signs out everywhere', async () => {
    const admin = await adminClient(server);
    const { user } = await createUser(server, admin);
    const a = new Client(server.url);
    const b = new Client(server.url);
    await a.login(user.username, USER_PASSWORD);
    await b.login(user.username, USER_PASSWORD);
    expect((await a.post('/api/v1/auth/logout?everywhere=true')).status).toBe(204);
    expect((await b.get('/api/v1/me')).status).toBe(401);
  });

  it('ends a session after the idle timeout and after the absolute timeout', async () => {
    const idle = new Client(server.url);
    await idle.login('admin', ADMIN_PASSWORD);
    const absolute = new Client(server.url);
    await absolute.login('admin', ADMIN_PASSWORD);
    const idleMs = server.config.session.idleMinutes * 60_000;
    await rawExec(
      server.db,
      `update sessions set last_seen_at = last_seen_at - ${idleMs + 1000} where user_id = 1 and expires_at > 0 and id_hash = (select id_hash from sessions where user_id = 1 order by created_at desc limit 1 offset 1)`,
    );
    const idleReply = await idle.get('/api/v1/me');
    expect(idleReply.status).toBe(401);
    expect(problemOf(idleReply).code).toBe('session_expired');
    await rawExec(server.db, `update sessions set expires_at = ${Date.now() - 1000} where user_id = 1`);
    expect((await absolute.get('/api/v1/me')).status).toBe(401);
  });

  it('changing the password ends every other session and keeps this browser signed in', async () => {
    const admin = await adminClient(server);
    const { user, client } = await createUser(server, admin);
    const other = new Client(server.url);
    await other.login(user.username, USER_PASSWORD);
    const weak = await client.post('/api/v1/me/password', { currentPassword: USER_PASSWORD, newPassword: 'short' });
    expect(weak.status).toBe(400);
    expect(problemOf(weak).code).toBe('password_rejected');
    const wrong = await client.post('/api/v1/me/password', { currentPassword: 'Not-The-One-1', newPassword: 'A-New-Passw0rd' });
    expect(wrong.status).toBe(401);
    const changed = await client.post<{ csrfToken: string }>('/api/v1/me/password', {
      currentPassword: USER_PASSWORD,
      newPassword: 'A-New-Passw0rd',
    });
    expect(changed.status).toBe(200);
    client.csrf = changed.body.csrfToken;
    expect((await other.get('/api/v1/me')).status).toBe(401);
    expect((await client.get('/api/v1/me')).status).toBe(200);
    expect((await new Client(server.url).login(user.username, 'A-New-Passw0rd')).status).toBe(200);
  });
});

describe('CSRF', () => {
  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const client = await adminClient(server);
    const reply = await client.request('POST', '/api/v1/groups', { body: { name: 'CSRF victim' }, csrf: false });
    expect(reply.status).toBe(403);
    expect(problemOf(reply).code).toBe('csrf_failed');
  });

  it('refuses a cross-site write even with a token', async () => {
    const client = await adminClient(server);
    const crossOrigin = await client.post('/api/v1/groups', { name: 'From evil' }, { origin: 'https://evil.example' });
    expect(crossOrigin.status).toBe(403);
    const crossSite = await client.post('/api/v1/groups', { name: 'From evil 2' }, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    const sameOrigin = await client.post('/api/v1/groups', { name: 'Same origin group' }, { origin: server.url });
    expect(sameOrigin.status).toBe(201);
  });
});

describe('profile', () => {
  it('lets a user change their locale and time zone, and rejects unknown ones', async () => {
    const admin = await adminClient(server);
    const { client } = await createUser(server, admin);
    const ok = await client.patch<{ locale: string; timeZone: string }>('/api/v1/me', { locale: 'en', timeZone: 'Europe/Berlin' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ locale: 'en', timeZone: 'Europe/Berlin' });
    expect((await client.patch('/api/v1/me', { locale: 'fr' })).status).toBe(400);
    expect((await client.patch('/api/v1/me', { timeZone: 'Mars/Olympus' })).status).toBe(400);
  });
});

describe('API tokens', () => {
  it('shows the secret once, authenticates as the owner without CSRF, and stops working when revoked', async () => {
    const admin = await adminClient(server);
    const { client } = await createUser(server, admin, { roles: ['agent'] });
    const created = await client.post<{ id: number; token: string; prefix: string }>('/api/v1/me/tokens', { name: 'monitoring' });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^keel_/);
    const list = await client.get<{ items: Record<string, unknown>[] }>('/api/v1/me/tokens');
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);
    const stored = await server.db.kysely
      .selectFrom('api_tokens')
      .select('token_hash')
      .where('id', '=', created.body.id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(created.body.token);

    const integration = new Client(server.url);
    integration.bearer = created.body.token;
    expect((await integration.get('/api/v1/users')).status).toBe(200);
    // Scoped to the owner's rights: an agent cannot manage users, nor can their token.
    expect(
      (await integration.post('/api/v1/users', { username: 'x1', displayName: 'x', kind: 'staff', password: 'Abcdefgh-123' })).status,
    ).toBe(403);
    expect((await client.delete(`/api/v1/me/tokens/${created.body.id}`)).status).toBe(204);
    expect((await integration.get('/api/v1/me')).status).toBe(401);
  });

  it('rejects a made-up bearer token', async () => {
    const integration = new Client(server.url);
    integration.bearer = 'keel_madeup';
    expect((await integration.get('/api/v1/me')).status).toBe(401);
  });
});
