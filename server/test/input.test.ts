import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, problemOf } from './client.js';
import { adminClient } from './factories.js';
import { startTestServer, type TestServer } from './harness.js';

let server: TestServer;
let admin: Client;

beforeAll(async () => {
  server = await startTestServer();
  admin = await adminClient(server);
});
afterAll(async () => server?.close());

function expectProblem(reply: { status: number; headers: Headers; body: unknown }, status: number, code: string) {
  expect(reply.status).toBe(status);
  expect(reply.headers.get('content-type')).toContain('application/problem+json');
  expect(problemOf(reply as never).code).toBe(code);
  expect(JSON.stringify(reply.body)).not.toMatch(/at .*\.(ts|js):\d+/);
}

describe('bad request bodies', () => {
  it('answers malformed JSON with 400 malformed_json', async () => {
    const reply = await admin.request('POST', '/api/v1/groups', { raw: '{"name": "x",', headers: { 'content-type': 'application/json' } });
    expectProblem(reply, 400, 'malformed_json');
  });

  it('answers wrong types with 400 naming the field', async () => {
    const reply = await admin.post('/api/v1/groups', { name: 42 });
    expectProblem(reply, 400, 'validation_failed');
    expect(problemOf(reply).errors?.[0]?.path).toBe('name');
  });

  it('refuses unknown fields (no mass assignment)', async () => {
    const reply = await admin.post('/api/v1/groups', { name: 'Ops', createdBy: 1 });
    expectProblem(reply, 400, 'validation_failed');
  });

  it('refuses over-long strings', async () => {
    const reply = await admin.post('/api/v1/groups', { name: 'x'.repeat(5000) });
    expectProblem(reply, 400, 'validation_failed');
  });

  it('refuses control characters in names', async () => {
    const reply = await admin.post('/api/v1/groups', { name: 'bad\u0000name' });
    expectProblem(reply, 400, 'validation_failed');
  });

  it('refuses invalid UTF-8 with 400 invalid_utf8', async () => {
    const bytes = Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]);
    const reply = await admin.request('POST', '/api/v1/groups', { raw: bytes, headers: { 'content-type': 'application/json' } });
    expectProblem(reply, 400, 'invalid_utf8');
  });

  it('refuses a 10 MB body with 413', async () => {
    const reply = await admin.request('POST', '/api/v1/groups', {
      raw: JSON.stringify({ name: 'x'.repeat(10 * 1024 * 1024) }),
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(reply, 413, 'payload_too_large');
  });

  it('refuses a prototype-pollution key', async () => {
    const reply = await admin.request('POST', '/api/v1/groups', {
      raw: '{"name":"p","__proto__":{"admin":true}}',
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(reply, 400, 'validation_failed');
  });

  it('refuses a body that is not JSON', async () => {
    const reply = await admin.request('POST', '/api/v1/groups', {
      raw: 'name=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectProblem(reply, 415, 'unsupported_media_type');
  });

  it('answers an empty JSON body on a create with 400', async () => {
    const reply = await admin.request('POST', '/api/v1/groups', { raw: '', headers: { 'content-type': 'application/json' } });
    expect(reply.status).toBe(400);
  });

  it('keeps Chinese text intact', async () => {
    const reply = await admin.post<{ name: string }>('/api/v1/groups', { name: '服务台 一线支持' });
    expect(reply.status).toBe(201);
    expect(reply.body.name).toBe('服务台 一线支持');
  });
});

describe('injection through list parameters', () => {
  const attacks = ["'", '1 OR 1=1', "x' OR '1'='1", 'id;DROP TABLE users', '-username;--', 'username desc'];

  it.each(attacks)('answers sort=%s with 400, never SQL text', async (value) => {
    const reply = await admin.get(`/api/v1/users?sort=${encodeURIComponent(value)}`);
    expectProblem(reply, 400, 'validation_failed');
    expect(reply.text).not.toMatch(/sqlite|syntax|postgres|relation/i);
  });

  it.each(attacks)('treats q=%s as plain text', async (value) => {
    const reply = await admin.get<{ items: unknown[] }>(`/api/v1/users?q=${encodeURIComponent(value)}`);
    expect(reply.status).toBe(200);
    expect(reply.body.items).toEqual([]);
  });

  it('refuses array and non-numeric filters', async () => {
    expectProblem(await admin.get('/api/v1/users?organisationId[]=1'), 400, 'validation_failed');
    expectProblem(await admin.get('/api/v1/users?organisationId=1%20OR%201=1'), 400, 'validation_failed');
    expectProblem(await admin.get('/api/v1/users?limit=100000'), 400, 'validation_failed');
    expectProblem(await admin.get('/api/v1/users?cursor=not-a-cursor'), 400, 'validation_failed');
  });

  it('treats % and _ in a search as literal characters', async () => {
    const reply = await admin.get<{ items: unknown[] }>('/api/v1/users?q=%25');
    expect(reply.status).toBe(200);
    expect(reply.body.items).toEqual([]);
  });

  it('answers a non-numeric id with 400 and a missing one with 404', async () => {
    expectProblem(await admin.get('/api/v1/users/abc'), 400, 'validation_failed');
    expectProblem(await admin.get('/api/v1/users/999999'), 404, 'not_found');
    expectProblem(await admin.get('/api/v1/users/99999999999999'), 400, 'validation_failed');
  });
});
