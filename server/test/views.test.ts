import type { AuditEvent, Page, RecordItem, SavedView } from '@keel/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, problemOf } from './client.js';
import { adminClient, createOrganisation, createRecord, createUser, type TestUser } from './factories.js';
import { startTestServer, type TestServer } from './harness.js';

let server: TestServer;
let admin: Client;
let alice: TestUser;
let bob: TestUser;
let manager: TestUser;

const viewsOf = async (client: Client) => (await client.get<{ items: SavedView[] }>('/api/v1/saved-views?type=task')).body.items;
const names = (items: SavedView[]) => items.map((v) => v.name);

beforeAll(async () => {
  server = await startTestServer();
  admin = await adminClient(server);
  alice = await createUser(server, admin, { roles: ['agent'] });
  bob = await createUser(server, admin, { roles: ['agent'] });
  manager = await createUser(server, admin, { roles: ['service_manager'] });
});
afterAll(async () => server?.close());

describe('saved views: refusals first', () => {
  it('answers 401 without a session', async () => {
    const anonymous = new Client(server.url);
    expect((await anonymous.get('/api/v1/saved-views?type=task')).status).toBe(401);
    expect((await anonymous.post('/api/v1/saved-views', { type: 'task', name: 'x' })).status).toBe(401);
  });

  it('answers 403 to a caller who may not read the type', async () => {
    const org = await createOrganisation(admin);
    const { client: customer } = await createUser(server, admin, { kind: 'customer', organisationId: org.id });
    expect((await customer.get('/api/v1/saved-views?type=task')).status).toBe(403);
    expect((await customer.post('/api/v1/saved-views', { type: 'task', name: 'Mine' })).status).toBe(403);
  });

  it('answers 400 for unknown types, fields and list parameters, naming them', async () => {
    const bad = async (body: Record<string, unknown>) => {
      const reply = await alice.client.post('/api/v1/saved-views', body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      return problemOf(reply).errors?.map((e) => e.path) ?? [];
    };
    expect(await bad({ type: 'spaceship', name: 'x' })).toEqual(['type']);
    expect(await bad({ type: 'task', name: 'x', params: { colour: 'red' } })).toEqual(['params.colour']);
    expect(await bad({ type: 'task', name: 'x', params: { priority: '9' } })).toEqual(['params.priority']);
    expect(await bad({ type: 'task', name: 'x', params: { sort: 'id;DROP' } })).toEqual(['params.sort']);
    expect(await bad({ type: 'task', name: 'x', params: { limit: '10' } })).toContain('params');
    expect(await bad({ type: 'task', name: 'x', columns: ['number', 'password_hash'] })).toContain('columns.1');
    expect(await bad({ type: 'task', name: 'x', ownerId: bob.user.id })).toContain('ownerId');
    expect(await bad({ type: 'task', name: '   ' })).toContain('name');
    expect((await alice.client.get('/api/v1/saved-views?type=Task')).status).toBe(400);
  });
});

describe('saved views', () => {
  it('keeps personal views to their owner and shows shared ones to all staff', async () => {
    const personal = await alice.client.post<SavedView>('/api/v1/saved-views', {
      type: 'task',
      name: '我的处理中',
      params: { assigneeId: 'me', stateCategory: 'active' },
      columns: ['number', 'title', 'priority'],
    });
    expect(personal.status).toBe(201);
    expect(personal.headers.get('etag')).toBe('"v1"');
    expect(personal.body).toMatchObject({
      shared: false,
      ownerId: alice.user.id,
      editable: true,
      columns: ['number', 'title', 'priority'],
    });
    const shared = await alice.client.post<SavedView>('/api/v1/saved-views', {
      type: 'task',
      name: 'P1 queue',
      shared: true,
      params: { priority: '1' },
    });
    expect(shared.status).toBe(201);

    expect(names(await viewsOf(alice.client))).toEqual(['我的处理中', 'P1 queue']);
    const bobs = await viewsOf(bob.client);
    expect(names(bobs)).toEqual(['P1 queue']);
    expect(bobs[0]).toMatchObject({ editable: false, ownerName: alice.user.displayName });
    // Another person's personal view does not exist, as far as Bob can tell.
    expect((await bob.client.get(`/api/v1/saved-views/${personal.body.id}`)).status).toBe(404);
    expect((await bob.client.patch(`/api/v1/saved-views/${personal.body.id}`, { name: 'Stolen' })).status).toBe(404);
    expect((await bob.client.delete(`/api/v1/saved-views/${personal.body.id}`)).status).toBe(404);
    expect((await alice.client.get(`/api/v1/saved-views/${personal.body.id}`)).status).toBe(200);
  });

  it('lets only the owner, or a holder of views.manage, change a shared view', async () => {
    const view = (await alice.client.post<SavedView>('/api/v1/saved-views', { type: 'task', name: 'Team board', shared: true })).body;
    const bobTry = await bob.client.patch(`/api/v1/saved-views/${view.id}`, { name: 'Bob was here' });
    expect(bobTry.status).toBe(403);
    expect((await bob.client.delete(`/api/v1/saved-views/${view.id}`)).status).toBe(403);
    expect((await viewsOf(manager.client)).find((v) => v.id === view.id)?.editable).toBe(true);
    const renamed = await manager.client.patch<SavedView>(
      `/api/v1/saved-views/${view.id}`,
      { name: 'Team board 团队看板' },
      { 'if-match': '"v1"' },
    );
    expect(renamed.status, renamed.text).toBe(200);
    expect(renamed.headers.get('etag')).toBe('"v2"');
    // A rename leaves everything else as it was (still shared).
    expect(renamed.body).toMatchObject({ shared: true, params: {} });
    // Alice's copy is now stale.
    expect((await alice.client.patch(`/api/v1/saved-views/${view.id}`, { params: { priority: '2' } }, { 'if-match': '"v1"' })).status).toBe(
      412,
    );
    const updated = await alice.client.patch<SavedView>(
      `/api/v1/saved-views/${view.id}`,
      { params: { priority: '2' } },
      { 'if-match': '"v2"' },
    );
    expect(updated.body).toMatchObject({ name: 'Team board 团队看板', params: { priority: '2' }, version: 3 });
    expect((await manager.client.delete(`/api/v1/saved-views/${view.id}`, { 'if-match': '"v1"' })).status).toBe(412);
    expect((await manager.client.delete(`/api/v1/saved-views/${view.id}`, { 'if-match': '"v3"' })).status).toBe(204);
    expect((await alice.client.get(`/api/v1/saved-views/${view.id}`)).status).toBe(404);
  });

  it('refuses a second view of the same name for the same owner and type', async () => {
    expect((await bob.client.post('/api/v1/saved-views', { type: 'task', name: 'Backlog' })).status).toBe(201);
    const again = await bob.client.post('/api/v1/saved-views', { type: 'task', name: 'backlog' });
    expect(again.status).toBe(409);
    expect(problemOf(again).code).toBe('duplicate');
    expect((await alice.client.post('/api/v1/saved-views', { type: 'task', name: 'Backlog' })).status).toBe(201);
  });

  it('lets the auditor keep personal views but never share one', async () => {
    const { client: auditor } = await createUser(server, admin, { roles: ['auditor'] });
    expect((await auditor.post('/api/v1/saved-views', { type: 'task', name: 'Audit sample' })).status).toBe(201);
    expect((await auditor.post('/api/v1/saved-views', { type: 'task', name: 'For everyone', shared: true })).status).toBe(403);
    const mine = (await viewsOf(auditor)).find((v) => v.name === 'Audit sample');
    expect((await auditor.patch(`/api/v1/saved-views/${mine?.id}`, { shared: true })).status).toBe(403);
  });

  it('records an audit event for each change, with before and after', async () => {
    const view = (await alice.client.post<SavedView>('/api/v1/saved-views', { type: 'task', name: 'Audited', shared: true })).body;
    await alice.client.patch(`/api/v1/saved-views/${view.id}`, { shared: false });
    await alice.client.delete(`/api/v1/saved-views/${view.id}`);
    const events = await admin.get<Page<AuditEvent>>(`/api/v1/audit/events?objectType=saved_view&objectId=${view.id}`);
    expect(events.body.items.map((e) => e.action)).toEqual(['view.deleted', 'view.updated', 'view.created']);
    expect(events.body.items[1]?.changes).toEqual({ shared: [1, 0] });
    expect(events.body.items[2]?.actorName).toBe(alice.user.username);
  });

  it('hold the list query as the list takes it, so applying a view is passing its params', async () => {
    const mine = await createRecord(admin, 'tasks', { title: 'Bob 的任务', assigneeId: bob.user.id, impact: 1, urgency: 1 });
    await createRecord(admin, 'tasks', { title: 'Alice 的任务', assigneeId: alice.user.id, impact: 1, urgency: 1 });
    const view = (
      await alice.client.post<SavedView>('/api/v1/saved-views', {
        type: 'task',
        name: 'Mine, P1',
        shared: true,
        params: { assigneeId: 'me', priority: '1', sort: '-updatedAt' },
      })
    ).body;
    const shared = (await viewsOf(bob.client)).find((v) => v.id === view.id);
    const listed = await bob.client.get<Page<RecordItem>>(`/api/v1/tasks?${new URLSearchParams(shared?.params)}`);
    expect(listed.body.items.map((r) => r.number)).toEqual([mine.number]);
  });
});
