import type { Page, RecordItem, SearchResult } from '@keel/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, problemOf } from './client.js';
import { adminClient, createOrganisation, createUser, type TestUser } from './factories.js';
import { startTestServer, type TestServer } from './harness.js';

// Incidents are the engine's second record type and the first open to customers: these tests
// prove the customer's side of every shared mechanism over HTTP.
let server: TestServer;
let admin: Client;
let agent: TestUser;
let alice: TestUser;
let bob: TestUser;
let colleague: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  admin = await adminClient(server);
  const acme = await createOrganisation(admin);
  const other = await createOrganisation(admin);
  agent = await createUser(server, admin, { roles: ['agent'] });
  alice = await createUser(server, admin, { kind: 'customer', organisationId: acme.id });
  colleague = await createUser(server, admin, { kind: 'customer', organisationId: acme.id, seesOrganisationRecords: true });
  bob = await createUser(server, admin, { kind: 'customer', organisationId: other.id });
});
afterAll(async () => server?.close());

const raise = async (who: Client, title: string) => {
  const reply = await who.post<RecordItem>('/api/v1/incidents', { title, description: '打印机无法连接 **网络**', impact: 2, urgency: 2 });
  expect(reply.status).toBe(201);
  return reply.body;
};

describe('incidents raised by customers', () => {
  it('are raised for themselves, numbered INC-, with their organisation, and nothing the service desk decides', async () => {
    const mine = await raise(alice.client, 'Printer offline 打印机离线');
    expect(mine).toMatchObject({ type: 'incident', requesterId: alice.user.id, organisationId: alice.user.organisationId, state: 'new' });
    expect(mine.number).toMatch(/^INC-\d{6}$/);
    expect(mine.actions).toEqual([]);
    const refused = await alice.client.post('/api/v1/incidents', { title: 'x', assigneeId: agent.user.id, requesterId: bob.user.id });
    expect(refused.status).toBe(400);
    expect(
      problemOf(refused)
        .errors?.map((e) => e.path)
        .sort(),
    ).toEqual(['assigneeId', 'requesterId']);
    expect((await alice.client.patch(`/api/v1/incidents/${mine.number}`, { title: 'Renamed' })).status).toBe(403);
    expect((await alice.client.post(`/api/v1/incidents/${mine.number}/comments`, { body: 'x', internal: true })).status).toBe(403);
    expect((await alice.client.get('/api/v1/tasks')).status).toBe(403);
  });

  it('are seen only by their requester (and their organisation when allowed), never by another organisation', async () => {
    const mine = await raise(alice.client, 'VPN 无法连接 for Alice');
    const theirs = await raise(bob.client, 'VPN 无法连接 for Bob');
    const listed = (who: Client) => who.get<Page<RecordItem>>('/api/v1/incidents?limit=200').then((r) => r.body.items.map((i) => i.number));
    expect(await listed(alice.client)).toContain(mine.number);
    expect(await listed(alice.client)).not.toContain(theirs.number);
    expect(await listed(colleague.client)).toContain(mine.number);
    expect(await listed(bob.client)).toEqual([theirs.number]);
    for (const path of ['', '/journal', '/links', '/children', '/approvals', '/attachments']) {
      expect((await bob.client.get(`/api/v1/incidents/${mine.number}${path}`)).status, path).toBe(404);
    }
    expect((await bob.client.post(`/api/v1/incidents/${mine.number}/comments`, { body: 'let me in' })).status).toBe(404);
    expect((await bob.client.post(`/api/v1/incidents/${mine.number}/transitions`, { action: 'confirm' })).status).toBe(404);
    const found = await bob.client.get<SearchResult>(`/api/v1/search?q=${encodeURIComponent('无法连接')}`);
    expect(found.body.items.map((h) => h.number)).toEqual([theirs.number]);
  });
});

describe('the incident lifecycle between the service desk and the customer', () => {
  it('lets the customer answer, confirm or reopen, and nothing else; internal notes stay inside', async () => {
    const incident = await raise(alice.client, 'Email not syncing 邮件不同步');
    const path = `/api/v1/incidents/${incident.number}`;
    await agent.client.patch(path, { assigneeId: agent.user.id, category: 'email' });
    await agent.client.post(`${path}/transitions`, { action: 'start' });
    await agent.client.post(`${path}/comments`, { body: 'Mailbox over quota on the server', internal: true });
    await agent.client.post(`${path}/comments`, { body: '请问您的邮箱容量是否已满？' });
    await agent.client.post(`${path}/transitions`, { action: 'ask_customer' });
    // The customer hears of the public reply and of the state change, never of the internal note.
    const bell = await alice.client.get<Page<{ event: string; record: { number: string } }>>('/api/v1/notifications');
    const about = bell.body.items.filter((n) => n.record.number === incident.number).map((n) => n.event);
    expect(about).toContain('commented');
    expect(about).toContain('state_changed');
    expect(about).not.toContain('mentioned');
    const waiting = await alice.client.get<RecordItem>(path);
    expect(waiting.body.actions).toEqual(['answer']);
    const refused = await alice.client.post(`${path}/transitions`, { action: 'resolve' });
    expect(refused.status).toBe(409);
    expect(problemOf(refused).allowed).toEqual(['answer']);
    await alice.client.post(`${path}/comments`, { body: '是的，已满。' });
    expect((await alice.client.post<RecordItem>(`${path}/transitions`, { action: 'answer' })).body.state).toBe('in_progress');
    const resolved = await agent.client.patch<RecordItem>(path, {
      extension: { resolutionCode: 'fixed', resolutionNotes: 'Quota raised' },
    });
    expect(resolved.body.extension).toMatchObject({ resolutionCode: 'fixed', major: null });
    await agent.client.post(`${path}/transitions`, { action: 'resolve' });
    expect((await alice.client.get<RecordItem>(path)).body.actions.sort()).toEqual(['confirm', 'reopen']);
    expect((await alice.client.post<RecordItem>(`${path}/transitions`, { action: 'reopen' })).body.state).toBe('in_progress');
    await agent.client.post(`${path}/transitions`, { action: 'resolve' });
    expect((await alice.client.post<RecordItem>(`${path}/transitions`, { action: 'confirm' })).body.stateCategory).toBe('closed');
    const timeline = await alice.client.get<Page<{ kind: string; body: string }>>(`${path}/journal?limit=200`);
    expect(timeline.body.items.map((e) => e.body)).not.toContain('Mailbox over quota on the server');
    expect(timeline.body.items.some((e) => e.kind === 'work_note' || e.kind === 'field_change')).toBe(false);
    expect(timeline.body.items.filter((e) => e.kind === 'comment').map((e) => e.body)).toEqual([
      '请问您的邮箱容量是否已满？',
      '是的，已满。',
    ]);
  });

  it('takes a customer’s attachment on their own incident and keeps it from other organisations', async () => {
    const incident = await raise(alice.client, 'Screenshot attached');
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')], { type: 'image/png' }), '截图.png');
    const uploaded = await alice.client.request('POST', `/api/v1/incidents/${incident.number}/attachments`, { raw: form });
    expect(uploaded.status).toBe(201);
    expect((await bob.client.get(`/api/v1/incidents/${incident.number}/attachments`)).status).toBe(404);
    const listed = await agent.client.get<{ items: { fileName: string }[] }>(`/api/v1/incidents/${incident.number}/attachments`);
    expect(listed.body.items.map((a) => a.fileName)).toEqual(['截图.png']);
  });
});
