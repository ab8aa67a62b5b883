import type { AuditEvent, BulkUpdateResult, Group, Page, RecordItem } from '@keel/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TASK_TYPE } from '../src/modules/tasks/type.js';
import { loadActor } from '../src/platform/access/actor.js';
import { bulkUpdate } from '../src/platform/records/bulk.js';
import { Client, problemOf } from './client.js';
import { adminClient, createOrganisation, createRecord, createUser, type TestUser } from './factories.js';
import { startTestServer, type TestServer } from './harness.js';

let server: TestServer;
let admin: Client;
let agent: TestUser;
let group: Group;

const bulk = (client: Client, body: unknown) => client.post<BulkUpdateResult>('/api/v1/tasks/bulk', body);
const get = async (number: string) => (await admin.get<RecordItem>(`/api/v1/tasks/${number}`)).body;

beforeAll(async () => {
  server = await startTestServer();
  admin = await adminClient(server);
  agent = await createUser(server, admin, { roles: ['agent'] });
  group = (await admin.post<Group>('/api/v1/groups', { name: '二线支持', memberIds: [agent.user.id] })).body;
});
afterAll(async () => server?.close());

describe('bulk update: refusals first', () => {
  it('answers 401 without a session, 403 to read-only roles and customers', async () => {
    const task = await createRecord(admin, 'tasks', { title: 'Bulk target' });
    const body = { numbers: [task.number], patch: { impact: 1 } };
    expect((await bulk(new Client(server.url), body)).status).toBe(401);
    const { client: auditor } = await createUser(server, admin, { roles: ['auditor'] });
    expect((await bulk(auditor, body)).status).toBe(403);
    const org = await createOrganisation(admin);
    const { client: customer } = await createUser(server, admin, { kind: 'customer', organisationId: org.id });
    expect((await bulk(customer, body)).status).toBe(403);
    expect((await get(task.number)).impact).toBeNull();
  });

  it('answers 400 to empty, oversized, repeated or malformed selections and to fields it may not set', async () => {
    const many = Array.from({ length: 501 }, (_, i) => `TASK-${String(i + 1).padStart(6, '0')}`);
    const cases: [unknown, string][] = [
      [{ numbers: [], patch: { impact: 1 } }, 'numbers'],
      [{ numbers: many, patch: { impact: 1 } }, 'numbers'],
      [{ numbers: ['TASK-000001', 'TASK-000001'], patch: { impact: 1 } }, 'numbers'],
      [{ numbers: ["TASK-1' OR '1'='1"], patch: { impact: 1 } }, 'numbers.0'],
      [{ numbers: ['TASK-000001'] }, 'patch'],
      [{ numbers: ['TASK-000001'], patch: {} }, 'patch'],
      [{ numbers: ['TASK-000001'], patch: { organisationId: 3 } }, 'patch.organisationId'],
      [{ numbers: ['TASK-000001'], patch: { title: 'Renamed all' } }, 'patch.title'],
      [{ numbers: ['TASK-000001'], patch: { impact: 7 } }, 'patch.impact'],
      [{ numbers: ['TASK-000001'], action: 'DROP TABLE' }, 'action'],
      [{ numbers: ['TASK-000001'], versions: { 'TASK-000001': 0 }, action: 'start' }, 'versions.TASK-000001'],
    ];
    for (const [body, path] of cases) {
      const reply = await bulk(admin, body);
      expect(reply.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(
        problemOf(reply).errors?.map((e) => e.path),
        path,
      ).toContain(path);
    }
  });
});

describe('bulk update', () => {
  it('applies each row in its own transaction and reports ok, not found, stale and illegal rows', async () => {
    const fine = await createRecord(admin, 'tasks', { title: '批量一' });
    const stale = await createRecord(admin, 'tasks', { title: '批量二' });
    const closed = await createRecord(admin, 'tasks', { title: '批量三' });
    await admin.patch(`/api/v1/tasks/${stale.number}`, { impact: 3 });
    await admin.post(`/api/v1/tasks/${closed.number}/transitions`, { action: 'cancel' });
    const reply = await bulk(agent.client, {
      numbers: [fine.number, 'TASK-999999', stale.number, closed.number],
      versions: { [fine.number]: 1, [stale.number]: 1 },
      patch: { assigneeId: agent.user.id, groupId: group.id, urgency: 1 },
      action: 'start',
    });
    expect(reply.status).toBe(200);
    expect(reply.body.results).toEqual([
      { number: fine.number, ok: true, version: 3 },
      { number: 'TASK-999999', ok: false, error: { code: 'not_found', detail: 'No such task' } },
      { number: stale.number, ok: false, error: expect.objectContaining({ code: 'precondition_failed' }) },
      { number: closed.number, ok: false, error: expect.objectContaining({ code: 'conflict', allowed: [] }) },
    ]);
    expect(await get(fine.number)).toMatchObject({ state: 'in_progress', assigneeId: agent.user.id, groupId: group.id, urgency: 1 });
    // A failed row keeps nothing of its patch: the transition failed in the same transaction.
    expect(await get(closed.number)).toMatchObject({ state: 'cancelled', assigneeId: null, version: 2 });
    expect(await get(stale.number)).toMatchObject({ assigneeId: null, impact: 3 });
  });

  it('audits and journals every changed row like a single update', async () => {
    const a = await createRecord(admin, 'tasks', { title: 'Audit A' });
    const b = await createRecord(admin, 'tasks', { title: 'Audit B' });
    const reply = await bulk(admin, { numbers: [a.number, b.number], patch: { category: '网络', impact: 2, urgency: 2 } });
    expect(reply.body.results.every((r) => r.ok)).toBe(true);
    for (const task of [a, b]) {
      const events = await admin.get<Page<AuditEvent>>(`/api/v1/audit/events?objectType=task&objectId=${task.id}`);
      expect(events.body.items.map((e) => e.action)).toEqual(['record.updated', 'record.created']);
      expect(events.body.items[0]?.changes).toMatchObject({ category: [null, '网络'], priority: [null, 3] });
      const journal = await admin.get<Page<{ kind: string }>>(`/api/v1/tasks/${task.number}/journal`);
      expect(journal.body.items.map((e) => e.kind)).toEqual(['field_change']);
    }
  });

  it('reports a bad reference on every row and changes nothing', async () => {
    const org = await createOrganisation(admin);
    const { user: customer } = await createUser(server, admin, { kind: 'customer', organisationId: org.id });
    const a = await createRecord(admin, 'tasks', { title: 'Ref A' });
    const reply = await bulk(admin, { numbers: [a.number], patch: { assigneeId: customer.id } });
    expect(reply.body.results[0]).toMatchObject({ ok: false, error: { code: 'validation_failed', errors: [{ path: 'assigneeId' }] } });
    expect((await get(a.number)).version).toBe(1);
  });

  it('takes a workflow action alone, checking each row’s version', async () => {
    const a = await createRecord(admin, 'tasks', { title: 'Cancel A' });
    const b = await createRecord(admin, 'tasks', { title: 'Cancel B' });
    const reply = await bulk(admin, { numbers: [b.number, a.number], versions: { [a.number]: 1, [b.number]: 5 }, action: 'cancel' });
    expect(reply.body.results.map((r) => [r.number, r.ok, r.error?.code ?? r.version])).toEqual([
      [b.number, false, 'precondition_failed'],
      [a.number, true, 2],
    ]);
  });

  it('reports records the caller may not see as not found, never touching them', async () => {
    const org = await createOrganisation(admin);
    const { user: requester } = await createUser(server, admin, { kind: 'customer', organisationId: org.id });
    const theirs = await createRecord(admin, 'tasks', { title: 'Not yours', requesterId: requester.id });
    const mine = await createRecord(admin, 'tasks', { title: 'Yours', requesterId: agent.user.id });
    const actor = await loadActor(server.db, agent.user.id, { via: 'token', csrfToken: null, sessionIdHash: null });
    if (!actor) throw new Error('no actor');
    const results = await bulkUpdate(
      {
        db: server.db,
        audit: { actorId: actor.userId, actorName: actor.username, ip: null, requestId: null, dialect: server.db.dialect },
        def: TASK_TYPE,
        types: [TASK_TYPE],
        actor,
        visibility: { scope: 'own', userId: agent.user.id },
        log: server.app.log,
      },
      { numbers: [theirs.number, mine.number], patch: { impact: 1 } },
    );
    expect(results.map((r) => [r.ok, r.error?.code])).toEqual([
      [false, 'not_found'],
      [true, undefined],
    ]);
    expect((await get(theirs.number)).impact).toBeNull();
  });
});
