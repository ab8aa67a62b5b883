import type { Calendar, Notification, RecordItem, SlaPolicy } from '@keel/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Db } from '../src/db/connect.js';
import { RECORD_TYPES } from '../src/modules/record-types.js';
import { sweepSla } from '../src/platform/sla/sweep.js';
import { type Client, problemOf } from './client.js';
import { adminClient, createUser } from './factories.js';
import { createTestDatabase, DIALECT, rawExec, startTestServer, type TestDatabase, type TestServer } from './harness.js';

let database: TestDatabase;
let server: TestServer;
let second: Db;
let admin: Client;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestServer({}, database);
  // On PostgreSQL a second pool stands in for a second Keel process; SQLite serves one process, so it sweeps on its own connection.
  second =
    DIALECT === 'postgres'
      ? connect({ databaseUrl: database.databaseUrl, pgSchema: database.pgSchema ?? undefined, poolSize: 3 })
      : database.db;
  admin = await adminClient(server);
});
afterAll(async () => {
  await server?.close();
  if (second !== database?.db) await second?.close();
  await database?.db.close();
  await database?.drop();
});

const MIN = 60_000;
const label = (en: string, zh: string) => ({ en, 'zh-CN': zh });
const response = (minutes: Record<string, number>, defaultMinutes: number | null = null) => ({
  key: 'response',
  label: label('Response', '响应'),
  stopOn: ['active', 'resolved', 'closed'],
  minutesByPriority: minutes,
  defaultMinutes,
});
const resolution = (minutes: Record<string, number>) => ({
  key: 'resolution',
  label: label('Resolution', '解决'),
  stopOn: ['resolved', 'closed'],
  minutesByPriority: minutes,
});

async function policy(category: string, body: Record<string, unknown>) {
  const reply = await admin.post<SlaPolicy & { used: boolean }>('/api/v1/sla-policies', {
    name: `Policy ${category}`,
    recordType: 'task',
    conditions: { categories: [category] },
    ...body,
  });
  expect(reply.status).toBe(201);
  return reply.body;
}
const task = async (body: Record<string, unknown>) => (await admin.post<RecordItem>('/api/v1/tasks', body)).body;
const reload = async (number: string) => (await admin.get<RecordItem>(`/api/v1/tasks/${number}`)).body;
const act = (number: string, action: string) => admin.post<RecordItem>(`/api/v1/tasks/${number}/transitions`, { action });
const auditCount = async (action: string, objectId: number) =>
  (await admin.get<{ items: unknown[] }>(`/api/v1/audit/events?action=${action}&objectType=task&objectId=${objectId}`)).body.items.length;

describe('SLA policies', () => {
  it('are read by staff, managed by service managers, and checked', async () => {
    const { client: agent } = await createUser(server, admin, { roles: ['agent'] });
    const body = { name: 'P', recordType: 'task', targets: [response({ '1': 30 })] };
    expect((await agent.get('/api/v1/sla-policies')).status).toBe(200);
    expect((await agent.post('/api/v1/sla-policies', body)).status).toBe(403);
    expect(problemOf(await admin.post('/api/v1/sla-policies', { ...body, recordType: 'nope' })).errors?.[0]?.path).toBe('recordType');
    expect(problemOf(await admin.post('/api/v1/sla-policies', { ...body, calendarId: 999_999 })).errors?.[0]?.path).toBe('calendarId');
    expect((await admin.post('/api/v1/sla-policies', { ...body, targets: [] })).status).toBe(400);
    expect((await admin.post('/api/v1/sla-policies', { ...body, targets: [response({ '1': 30 }), response({ '2': 5 })] })).status).toBe(
      400,
    );
    expect((await admin.post('/api/v1/sla-policies', { ...body, targets: [response({ '9': 30 })] })).status).toBe(400);
    expect((await admin.post('/api/v1/sla-policies', { ...body, warnAt: [100] })).status).toBe(400);
  });
});

describe('SLA clocks', () => {
  it('start from the first matching policy, per priority, on the policy’s calendar', async () => {
    const calendar = await admin.post<Calendar>('/api/v1/calendars', {
      name: `Office ${Date.now()}`,
      definition: {
        timeZone: 'Asia/Shanghai',
        weekly: [[], [], [], [], [], [], []].map((_, i) => (i < 5 ? [{ start: '09:00', end: '18:00' }] : [])),
      },
    });
    expect(calendar.status).toBe(201);
    await policy('network', { targets: [response({ '1': 30 }, 480), resolution({ '1': 240 })] });
    await policy('office', { calendarId: calendar.body.id, targets: [resolution({ '3': 600 })] });
    const p1 = await task({ title: 'Core switch down', category: 'network', impact: 1, urgency: 1 });
    const opened = Date.parse(p1.openedAt);
    expect(p1.sla.map((c) => [c.target, c.state, c.targetMinutes, Date.parse(c.dueAt ?? '') - opened])).toEqual([
      ['response', 'running', 30, 30 * MIN],
      ['resolution', 'running', 240, 240 * MIN],
    ]);
    const p5 = await task({ title: 'Label the cables', category: 'network', impact: 3, urgency: 3 });
    expect(p5.sla.map((c) => [c.target, c.targetMinutes])).toEqual([['response', 480]]);
    const office = await task({ title: 'New desk phone', category: 'office', impact: 2, urgency: 2 });
    const due = Date.parse(office.sla[0]?.dueAt ?? '');
    // 600 working minutes on a 9-hour day is more than a calendar day away.
    expect(due - Date.parse(office.openedAt)).toBeGreaterThan(24 * 60 * MIN);
    expect((await task({ title: 'No policy', category: 'other' })).sla).toEqual([]);
    // A policy that matches nothing is accepted, and shown as unused until a record matches it.
    const unused = await policy('nothing-has-this', { targets: [resolution({ '1': 60 })] });
    expect(unused.used).toBe(false);
    const listed = await admin.get<{ items: (SlaPolicy & { used: boolean })[] }>('/api/v1/sla-policies?recordType=task');
    expect(listed.body.items.find((p) => p.name === 'Policy network')?.used).toBe(true);
    expect(listed.body.items.find((p) => p.id === unused.id)?.used).toBe(false);
  });

  it('pause while pending, resume, stop when the target’s state is reached', async () => {
    const { user: agent } = await createUser(server, admin, { roles: ['agent'] });
    await policy('pausing', { targets: [response({ '3': 60 })], pauseOn: ['pending'] });
    const record = await task({ title: 'Waiting on vendor', category: 'pausing', impact: 2, urgency: 2, assigneeId: agent.id });
    await act(record.number, 'start');
    const stopped = (await reload(record.number)).sla[0];
    expect(stopped).toMatchObject({ state: 'stopped', breached: false, dueAt: null });

    await policy('pausing2', { targets: [resolution({ '3': 60 })], pauseOn: ['pending'] });
    const other = await task({ title: 'Held', category: 'pausing2', impact: 2, urgency: 2, assigneeId: agent.id });
    await act(other.number, 'start');
    await act(other.number, 'hold');
    expect((await reload(other.number)).sla[0]).toMatchObject({ state: 'paused', dueAt: null });
    await act(other.number, 'start');
    const resumed = (await reload(other.number)).sla[0];
    expect(resumed?.state).toBe('running');
    expect(Date.parse(resumed?.dueAt ?? '')).toBeGreaterThanOrEqual(Date.parse(other.sla[0]?.dueAt ?? ''));
    await act(other.number, 'cancel');
    expect((await reload(other.number)).sla[0]?.state).toBe('cancelled');
  });

  it('follow a priority change, counting the time already used', async () => {
    await policy('retarget', { targets: [resolution({ '1': 60, '3': 480 })] });
    const record = await task({ title: 'Escalating', category: 'retarget', impact: 2, urgency: 2 });
    expect(record.sla[0]?.targetMinutes).toBe(480);
    const raised = await admin.patch<RecordItem>(`/api/v1/tasks/${record.number}`, { impact: 1, urgency: 1 });
    expect(raised.body.sla[0]?.targetMinutes).toBe(60);
    expect(Date.parse(raised.body.sla[0]?.dueAt ?? '')).toBeLessThan(Date.parse(record.sla[0]?.dueAt ?? ''));
  });
});

describe('SLA warnings and breaches', () => {
  it('warn at each threshold once and breach exactly once, with two processes sweeping at the same time', async () => {
    await policy('breach', { targets: [resolution({ '3': 10 })], warnAt: [50, 80] });
    const assignee = await createUser(server, admin, { roles: ['agent'] });
    const lead = await createUser(server, admin, { roles: ['service_manager'] });
    const group = await admin.post<{ id: number }>('/api/v1/groups', {
      name: `Desk ${Date.now()}`,
      leadId: lead.user.id,
      memberIds: [lead.user.id],
    });
    const record = await task({
      title: 'Printer jammed 打印机卡纸',
      category: 'breach',
      impact: 2,
      urgency: 2,
      assigneeId: assignee.user.id,
      groupId: group.body.id,
    });
    const opened = Date.parse(record.openedAt);
    // Four sweeps at once, two per "process"; other tests' clocks may be swept too, so count this record's events.
    const once = (db: Db, now: number) => sweepSla(db, { types: RECORD_TYPES, mail: false, now });
    const sweep = (at: number) => Promise.all([once(server.db, at), once(second, at), once(server.db, at), once(second, at)]);
    const events = async () => [await auditCount('sla.warned', record.id), await auditCount('sla.breached', record.id)];
    await sweep(opened + 4 * MIN);
    expect(await events()).toEqual([0, 0]);
    await sweep(opened + 6 * MIN);
    await sweep(opened + 6 * MIN);
    expect(await events()).toEqual([1, 0]);
    expect((await reload(record.number)).sla[0]?.warnedPercent).toBe(50);
    await sweep(opened + 9 * MIN);
    expect(await events()).toEqual([2, 0]);
    await sweep(opened + 11 * MIN);
    await sweep(opened + 60 * MIN);
    expect(await events()).toEqual([2, 1]);
    const clock = (await reload(record.number)).sla[0];
    expect(clock).toMatchObject({ breached: true, warnedPercent: 80, state: 'running' });
    expect(clock?.breachedAt).toBe(clock?.dueAt);
    const journal = await admin.get<{ items: { kind: string; data: { event: string } }[] }>(`/api/v1/tasks/${record.number}/journal`);
    expect(journal.body.items.filter((e) => e.kind === 'sla').map((e) => e.data.event)).toEqual(['warned', 'warned', 'breached']);
    // The assignee and the group lead hear of each warning and of the breach, once each.
    for (const person of [assignee, lead]) {
      const inbox = await person.client.get<{ items: Notification[] }>('/api/v1/notifications');
      const about = inbox.body.items.filter((n) => n.record.number === record.number && n.event.startsWith('sla')).map((n) => n.event);
      expect(about.sort()).toEqual(['sla_breached', 'sla_warning', 'sla_warning']);
    }
  });

  it('records a breach once when the target is reached late before any sweep noticed', async () => {
    const { user: agent } = await createUser(server, admin, { roles: ['agent'] });
    await policy('late', { targets: [response({ '3': 30 })] });
    const record = await task({ title: 'Late answer', category: 'late', impact: 2, urgency: 2, assigneeId: agent.id });
    await rawExec(server.db, `update sla_clocks set due_at = ${Date.now() - MIN} where record_id = ${record.id}`);
    await act(record.number, 'start');
    expect((await reload(record.number)).sla[0]).toMatchObject({ state: 'stopped', breached: true });
    await sweepSla(server.db, { types: RECORD_TYPES, mail: false, now: Date.now() + 60 * MIN });
    expect(await auditCount('sla.breached', record.id)).toBe(1);
  });
});

describe('SLA policy changes', () => {
  it('change only the fields sent, with If-Match, and are audited', async () => {
    const created = await policy('patching', {
      pauseOn: ['pending', 'resolved'],
      warnAt: [60],
      position: 7,
      targets: [resolution({ '1': 60 })],
    });
    const renamed = await admin.patch<SlaPolicy>(`/api/v1/sla-policies/${created.id}`, { name: 'Renamed' }, { 'if-match': '"v1"' });
    expect(renamed.body).toMatchObject({
      name: 'Renamed',
      pauseOn: ['pending', 'resolved'],
      warnAt: [60],
      position: 7,
      active: true,
      version: 2,
    });
    expect((await admin.patch(`/api/v1/sla-policies/${created.id}`, { name: 'Stale' }, { 'if-match': '"v1"' })).status).toBe(412);
    expect(
      (await admin.patch(`/api/v1/sla-policies/${created.id}`, { targets: [resolution({ '1': 5 }), resolution({ '2': 5 })] })).status,
    ).toBe(400);
    const events = await admin.get<{ items: { action: string }[] }>(`/api/v1/audit/events?objectType=sla_policy&objectId=${created.id}`);
    expect(events.body.items.map((e) => e.action)).toEqual(['sla_policy.updated', 'sla_policy.created']);
  });
});

describe('most urgent first', () => {
  it('sorts a list by the earliest running SLA due time, records without one last, with keyset pages', async () => {
    await policy('urgency', { targets: [resolution({ '1': 30, '2': 120, '3': 600 })] });
    const group = await admin.post<{ id: number }>('/api/v1/groups', { name: `Urgency ${Date.now()}` });
    const make = (title: string, impact: number) => task({ title, category: 'urgency', impact, urgency: impact, groupId: group.body.id });
    const slow = await make('slow', 3);
    const fast = await make('fast', 1);
    const middle = await make('middle', 2);
    const none = await task({ title: 'no clock', category: 'none', groupId: group.body.id });
    const page = async (cursor?: string) =>
      (
        await admin.get<{ items: RecordItem[]; nextCursor: string | null }>(
          `/api/v1/tasks?groupId=${group.body.id}&sort=slaDueAt&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        )
      ).body;
    const first = await page();
    const second = await page(first.nextCursor ?? undefined);
    expect([...first.items, ...second.items].map((r) => r.number)).toEqual([fast.number, middle.number, slow.number, none.number]);
    // Paused clocks leave the order; their record sorts with the ones without a clock.
    await admin.patch(`/api/v1/tasks/${fast.number}`, { assigneeId: (await admin.get<{ id: number }>('/api/v1/me')).body.id });
    await act(fast.number, 'start');
    await act(fast.number, 'hold');
    const after = await admin.get<{ items: RecordItem[] }>(`/api/v1/tasks?groupId=${group.body.id}&sort=slaDueAt`);
    expect(after.body.items.map((r) => r.number).slice(0, 2)).toEqual([middle.number, slow.number]);
  });
});
