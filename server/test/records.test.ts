import type { Group, Page, RecordItem } from '@keel/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TASK_TYPE } from '../src/modules/tasks/type.js';
import type { Visibility } from '../src/platform/access/visibility.js';
import { getRecord, listRecords } from '../src/platform/records/queries.js';
import { type Client, problemOf } from './client.js';
import { adminClient, createOrganisation, createUser } from './factories.js';
import { startTestServer, type TestServer } from './harness.js';

let server: TestServer;
let admin: Client;

beforeAll(async () => {
  server = await startTestServer();
  admin = await adminClient(server);
});
afterAll(async () => server?.close());

describe('records engine: tasks', () => {
  it('numbers records per type, sets the initial state and priority from impact × urgency', async () => {
    const first = await admin.post<RecordItem>('/api/v1/tasks', { title: '更换机房 UPS 电池', impact: 1, urgency: 2 });
    const second = await admin.post<RecordItem>('/api/v1/tasks', { title: 'Rotate TLS certificates' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ type: 'task', state: 'new', stateCategory: 'new', priority: 2, requesterName: expect.any(String) });
    expect(first.body.number).toMatch(/^TASK-\d{6}$/);
    const n = (r: RecordItem) => Number(r.number.slice(5));
    expect(n(second.body)).toBe(n(first.body) + 1);
    expect(second.body.priority).toBeNull();
    expect(first.headers.get('etag')).toBe('"v1"');
  });

  it('never hands out the same number twice under concurrent creates', async () => {
    const replies = await Promise.all(
      Array.from({ length: 12 }, (_, i) => admin.post<RecordItem>('/api/v1/tasks', { title: `Parallel ${i}` })),
    );
    expect(replies.every((r) => r.status === 201)).toBe(true);
    expect(new Set(replies.map((r) => r.body.number)).size).toBe(12);
  });

  it('assigns to a group and an agent, recomputes priority, audits before and after, and detects stale updates', async () => {
    const { user: agent } = await createUser(server, admin, { roles: ['agent'] });
    const group = await admin.post<Group>('/api/v1/groups', { name: `Ops ${Date.now()}`, memberIds: [agent.id] });
    const created = await admin.post<RecordItem>('/api/v1/tasks', { title: 'Patch web servers', impact: 2, urgency: 2 });
    const path = `/api/v1/tasks/${created.body.number}`;
    const updated = await admin.patch<RecordItem>(
      path,
      { assigneeId: agent.id, groupId: group.body.id, urgency: 1 },
      { 'if-match': '"v1"' },
    );
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ assigneeName: agent.displayName, groupName: group.body.name, priority: 2, version: 2 });
    const stale = await admin.patch(path, { title: 'Lost' }, { 'if-match': '"v1"' });
    expect(stale.status).toBe(412);
    expect((await admin.get<RecordItem>(path)).body.title).toBe('Patch web servers');
    const events = await admin.get<Page<{ action: string; changes: Record<string, unknown> }>>(
      `/api/v1/audit/events?objectType=task&objectId=${created.body.id}`,
    );
    expect(events.body.items.map((e) => e.action)).toEqual(['record.updated', 'record.created']);
    expect(events.body.items[0]?.changes).toMatchObject({ urgency: [2, 1], priority: [3, 2], assignee_id: [null, agent.id] });
  });

  it('lets exactly one of two simultaneous writers with the same If-Match win; the other gets 412 and loses nothing it was told was saved', async () => {
    const created = await admin.post<RecordItem>('/api/v1/tasks', { title: 'Contended' });
    const path = `/api/v1/tasks/${created.body.number}`;
    const [a, b] = await Promise.all([
      admin.patch<RecordItem>(path, { title: 'Writer A' }, { 'if-match': '"v1"' }),
      admin.patch<RecordItem>(path, { category: 'Writer B' }, { 'if-match': '"v1"' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    const now = (await admin.get<RecordItem>(path)).body;
    expect(now.version).toBe(2);
    if (a.status === 200) expect(now).toMatchObject({ title: 'Writer A', category: null });
    else expect(now).toMatchObject({ title: 'Contended', category: 'Writer B' });
  });

  it('refuses bad references, unknown fields and malformed numbers', async () => {
    const org = await createOrganisation(admin);
    const { user: customer } = await createUser(server, admin, { kind: 'customer', organisationId: org.id });
    expect(problemOf(await admin.post('/api/v1/tasks', { title: 'x', assigneeId: customer.id })).errors?.[0]?.path).toBe('assigneeId');
    expect((await admin.post('/api/v1/tasks', { title: 'x', groupId: 999_999 })).status).toBe(400);
    expect((await admin.post('/api/v1/tasks', { title: 'x', state: 'closed' })).status).toBe(400);
    expect((await admin.post('/api/v1/tasks', { title: 'x', impact: 9 })).status).toBe(400);
    expect((await admin.get('/api/v1/tasks/TASK-1')).status).toBe(400);
    expect((await admin.get('/api/v1/tasks/TASK-999999')).status).toBe(404);
  });

  it('lists newest first with cursor pages, filters by group, assignee, state and text', async () => {
    const { user: agent } = await createUser(server, admin, { roles: ['agent'] });
    for (let i = 0; i < 5; i++) await admin.post('/api/v1/tasks', { title: `Listed 列表 ${i}`, assigneeId: agent.id });
    const numbers: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: Page<RecordItem> } = await admin.get<Page<RecordItem>>(
        `/api/v1/tasks?assigneeId=${agent.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      numbers.push(...page.body.items.map((r) => r.number));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(numbers).toHaveLength(5);
    expect([...numbers].sort().reverse()).toEqual(numbers);
    const text = await admin.get<Page<RecordItem>>(`/api/v1/tasks?q=${encodeURIComponent('列表 3')}`);
    expect(text.body.items.map((r) => r.title)).toEqual(['Listed 列表 3']);
    const byState = await admin.get<Page<RecordItem>>('/api/v1/tasks?stateCategory=closed');
    expect(byState.body.items).toEqual([]);
  });

  it('keeps tasks from customers and read-only roles from writing', async () => {
    const task = await admin.post<RecordItem>('/api/v1/tasks', { title: 'Internal work' });
    const org = await createOrganisation(admin);
    const { client: customer } = await createUser(server, admin, { kind: 'customer', organisationId: org.id });
    expect((await customer.get('/api/v1/tasks')).status).toBe(403);
    expect((await customer.get(`/api/v1/tasks/${task.body.number}`)).status).toBe(403);
    const { client: auditor } = await createUser(server, admin, { roles: ['auditor'] });
    expect((await auditor.get(`/api/v1/tasks/${task.body.number}`)).status).toBe(200);
    expect((await auditor.patch(`/api/v1/tasks/${task.body.number}`, { title: 'x' })).status).toBe(403);
  });

  it('creates one record for a repeated Idempotency-Key', async () => {
    const headers = { 'idempotency-key': 'task-from-monitoring-1' };
    const a = await admin.post<RecordItem>('/api/v1/tasks', { title: 'Disk 90% on db-01' }, headers);
    const b = await admin.post<RecordItem>('/api/v1/tasks', { title: 'Disk 90% on db-01' }, headers);
    expect(b.body.number).toBe(a.body.number);
  });

  it('filters rows by visibility inside the query, ready for customer-facing types', async () => {
    const mine = await createOrganisation(admin);
    const theirs = await createOrganisation(admin);
    const { user: me } = await createUser(server, admin, { kind: 'customer', organisationId: mine.id });
    const { user: colleague } = await createUser(server, admin, { kind: 'customer', organisationId: mine.id });
    const { user: stranger } = await createUser(server, admin, { kind: 'customer', organisationId: theirs.id });
    const own = await admin.post<RecordItem>('/api/v1/tasks', { title: 'Mine', requesterId: me.id });
    const colleagues = await admin.post<RecordItem>('/api/v1/tasks', { title: 'Colleague', requesterId: colleague.id });
    const other = await admin.post<RecordItem>('/api/v1/tasks', { title: 'Stranger', requesterId: stranger.id });
    expect(own.body.organisationId).toBe(mine.id);
    const numbersFor = async (visibility: Visibility) =>
      (
        await listRecords(
          server.db.kysely,
          TASK_TYPE,
          { visibility, userId: me.id, dialect: server.db.dialect },
          { limit: 200, filters: [] },
        )
      ).items.map((r) => r.number);
    const ownScope = await numbersFor({ scope: 'own', userId: me.id });
    expect(ownScope).toEqual([own.body.number]);
    const orgScope = await numbersFor({ scope: 'organisation', userId: me.id, organisationId: mine.id });
    expect(orgScope.sort()).toEqual([own.body.number, colleagues.body.number].sort());
    await expect(getRecord(server.db.kysely, TASK_TYPE, { scope: 'own', userId: me.id }, other.body.number)).rejects.toThrow(
      /No such task/,
    );
  });

  it('moves through the workflow: requires an assignee to start, lists the allowed actions, refuses others with 409', async () => {
    const { user: agentUser, client: agent } = await createUser(server, admin, { roles: ['agent'] });
    const created = await agent.post<RecordItem>('/api/v1/tasks', { title: 'Replace failed disk' });
    expect(created.body.actions).toEqual(['start', 'cancel']);
    const act = (client: Client, action: string, headers?: Record<string, string>) =>
      client.post<RecordItem>(`/api/v1/tasks/${created.body.number}/transitions`, { action }, headers);

    const noAssignee = await act(agent, 'start');
    expect(noAssignee.status).toBe(400);
    expect(problemOf(noAssignee).errors?.[0]?.path).toBe('assigneeId');
    await agent.patch(`/api/v1/tasks/${created.body.number}`, { assigneeId: agentUser.id });

    const started = await act(agent, 'start');
    expect(started.body).toMatchObject({ state: 'in_progress', stateCategory: 'active', actions: ['hold', 'complete', 'cancel'] });
    const done = await act(agent, 'complete', { 'if-match': `"v${started.body.version}"` });
    expect(done.body).toMatchObject({ state: 'done', stateCategory: 'closed' });
    expect(done.body.closedAt).not.toBeNull();
    expect(done.body.actions).toEqual([]);

    const again = await act(agent, 'complete');
    expect(again.status).toBe(409);
    expect(problemOf(again).allowed).toEqual([]);
    // Reopening is for service managers (and administrators).
    const reopened = await act(admin, 'reopen');
    expect(reopened.body).toMatchObject({ state: 'in_progress', closedAt: null });
    const unknown = await act(agent, 'teleport');
    expect(unknown.status).toBe(409);
    expect(problemOf(unknown).allowed).toEqual(['hold', 'complete', 'cancel']);
    expect((await act(agent, 'hold', { 'if-match': '"v1"' })).status).toBe(412);

    const events = await admin.get<Page<{ action: string; changes: Record<string, unknown> }>>(
      `/api/v1/audit/events?objectType=task&objectId=${created.body.id}&action=record.transitioned`,
    );
    expect(events.body.items.map((e) => e.changes.state)).toEqual([
      ['done', 'in_progress'],
      ['in_progress', 'done'],
      ['new', 'in_progress'],
    ]);
  });

  it('shows a read-only role no actions', async () => {
    const task = await admin.post<RecordItem>('/api/v1/tasks', { title: 'Audited task' });
    const { client: auditor } = await createUser(server, admin, { roles: ['auditor'] });
    expect((await auditor.get<RecordItem>(`/api/v1/tasks/${task.body.number}`)).body.actions).toEqual([]);
    expect((await auditor.post(`/api/v1/tasks/${task.body.number}/transitions`, { action: 'cancel' })).status).toBe(403);
  });

  it('keeps one timeline of comments, internal notes, field changes and transitions', async () => {
    const { user: agentUser, client: agent } = await createUser(server, admin, { roles: ['agent'] });
    const task = await agent.post<RecordItem>('/api/v1/tasks', { title: 'Timeline' });
    const base = `/api/v1/tasks/${task.body.number}`;
    const comment = await agent.post<{ id: number; kind: string; body: string; authorName: string }>(`${base}/comments`, {
      body: '已联系供应商，**明天**上门 <script>alert(1)</script>',
    });
    expect(comment.status).toBe(201);
    expect(comment.body).toMatchObject({ kind: 'comment', authorName: agentUser.displayName });
    // Stored as written; rendering with raw HTML disabled is the client's job (and tested there).
    expect(comment.body.body).toContain('<script>');
    await agent.post(`${base}/comments`, { body: 'Vendor is slow, escalate if no reply', internal: true });
    await agent.patch(base, { assigneeId: agentUser.id });
    await agent.post(`${base}/transitions`, { action: 'start' });
    const timeline = await agent.get<Page<{ kind: string; visibility: string; data: Record<string, unknown> }>>(`${base}/journal`);
    expect(timeline.body.items.map((e) => `${e.kind}:${e.visibility}`)).toEqual([
      'comment:public',
      'work_note:internal',
      'field_change:internal',
      'transition:public',
    ]);
    expect(timeline.body.items[2]?.data).toEqual({ assignee_id: [null, agentUser.id] });
    expect(timeline.body.items[3]?.data).toEqual({ from: 'new', to: 'in_progress', action: 'start' });
    // Newest first, paged by cursor: the same entries the other way round.
    const first = await agent.get<Page<{ kind: string }>>(`${base}/journal?order=newest&limit=3`);
    const rest = await agent.get<Page<{ kind: string }>>(`${base}/journal?order=newest&limit=3&cursor=${first.body.nextCursor}`);
    expect([...first.body.items, ...rest.body.items].map((e) => e.kind)).toEqual(['transition', 'field_change', 'work_note', 'comment']);
    expect(rest.body.nextCursor).toBeNull();
    expect((await agent.get(`${base}/journal?order=sideways`)).status).toBe(400);
    // A comment does not make a concurrent field edit stale.
    const current = await agent.get<RecordItem>(base);
    await agent.post(`${base}/comments`, { body: 'One more' });
    expect((await agent.patch(base, { title: 'Timeline 2' }, { 'if-match': `"v${current.body.version}"` })).status).toBe(200);
  });

  it('hides internal notes from callers who are not staff, at the query', async () => {
    const task = await admin.post<RecordItem>('/api/v1/tasks', { title: 'Notes' });
    await admin.post(`/api/v1/tasks/${task.body.number}/comments`, { body: 'public' });
    await admin.post(`/api/v1/tasks/${task.body.number}/comments`, { body: 'secret', internal: true });
    const { listJournal } = await import('../src/platform/records/journal.js');
    const customerView = await listJournal(server.db.kysely, task.body.id, { includeInternal: false, limit: 50 });
    expect(customerView.items.map((e) => e.body)).toEqual(['public']);
  });

  it('refuses empty and oversized comments', async () => {
    const task = await admin.post<RecordItem>('/api/v1/tasks', { title: 'Comment limits' });
    expect((await admin.post(`/api/v1/tasks/${task.body.number}/comments`, { body: '   ' })).status).toBe(400);
    expect((await admin.post(`/api/v1/tasks/${task.body.number}/comments`, { body: 'x'.repeat(50_001) })).status).toBe(400);
    expect((await admin.post('/api/v1/tasks/TASK-999999/comments', { body: 'x' })).status).toBe(404);
  });

  it('links records once and shows the link from both ends; refuses self-links, duplicates and unknown targets', async () => {
    const cause = await admin.post<RecordItem>('/api/v1/tasks', { title: 'Expired certificate' });
    const effect = await admin.post<RecordItem>('/api/v1/tasks', { title: 'Portal down' });
    const linked = await admin.post<{ items: { id: number; kind: string; direction: string; other: { number: string } }[] }>(
      `/api/v1/tasks/${effect.body.number}/links`,
      { kind: 'caused_by', target: cause.body.number },
    );
    expect(linked.status).toBe(201);
    expect(linked.body.items).toMatchObject([{ kind: 'caused_by', direction: 'outgoing', other: { number: cause.body.number } }]);
    const fromCause = await admin.get<{ items: { kind: string; direction: string; other: { number: string; title: string } }[] }>(
      `/api/v1/tasks/${cause.body.number}/links`,
    );
    expect(fromCause.body.items).toMatchObject([
      { kind: 'caused_by', direction: 'incoming', other: { number: effect.body.number, title: 'Portal down' } },
    ]);

    const again = await admin.post(`/api/v1/tasks/${effect.body.number}/links`, { kind: 'caused_by', target: cause.body.number });
    expect(again.status).toBe(409);
    expect((await admin.post(`/api/v1/tasks/${effect.body.number}/links`, { kind: 'relates_to', target: effect.body.number })).status).toBe(
      400,
    );
    expect((await admin.post(`/api/v1/tasks/${effect.body.number}/links`, { kind: 'relates_to', target: 'TASK-999999' })).status).toBe(404);
    expect((await admin.post(`/api/v1/tasks/${effect.body.number}/links`, { kind: 'blames', target: cause.body.number })).status).toBe(400);

    const linkId = linked.body.items[0]?.id;
    expect((await admin.delete(`/api/v1/tasks/${cause.body.number}/links/${linkId}`)).status).toBe(204);
    expect((await admin.get<{ items: unknown[] }>(`/api/v1/tasks/${effect.body.number}/links`)).body.items).toEqual([]);
    expect((await admin.delete(`/api/v1/tasks/${cause.body.number}/links/${linkId}`)).status).toBe(404);
    const actions = async (id: number) =>
      (await admin.get<Page<{ action: string }>>(`/api/v1/audit/events?objectType=task&objectId=${id}`)).body.items.map((e) => e.action);
    expect(await actions(effect.body.id)).toEqual(['record.linked', 'record.created']);
    // Removed through the other end: recorded on the record it was removed from.
    expect(await actions(cause.body.id)).toEqual(['record.unlinked', 'record.created']);
  });

  it('never links to, or shows, a record the caller cannot see', async () => {
    const { findVisibleRecord } = await import('../src/platform/records/links.js');
    const org = await createOrganisation(admin);
    const { user: customer } = await createUser(server, admin, { kind: 'customer', organisationId: org.id });
    const hidden = await admin.post<RecordItem>('/api/v1/tasks', { title: 'Staff only' });
    const { loadActor } = await import('../src/platform/access/actor.js');
    const loaded = await loadActor(server.db, customer.id, { via: 'token', csrfToken: null, sessionIdHash: null });
    if (!loaded) throw new Error('customer not loaded');
    await expect(findVisibleRecord(server.db.kysely, loaded, [TASK_TYPE], hidden.body.number)).rejects.toThrow(/No such record/);
  });
});
