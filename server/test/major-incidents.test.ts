import type { CommunicationLog, IncidentReview, Page, RecordItem } from '@keel/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepIncidents } from '../src/modules/incidents/sweep.js';
import { RECORD_TYPES } from '../src/modules/record-types.js';
import { type Client, problemOf } from './client.js';
import { adminClient, createOrganisation, createRecord, createUser, type TestUser } from './factories.js';
import { startTestServer, type TestServer } from './harness.js';

let server: TestServer;
let admin: Client;
let agent: TestUser;
let manager: TestUser;
let auditor: TestUser;
let alice: TestUser;
let bob: TestUser;

type Bell = Page<{ event: string; record: { number: string } }>;
type Journal = Page<{ kind: string; body: string; visibility: string; data: Record<string, unknown> }>;
const eventsOf = async (who: Client, number: string) =>
  (await who.get<Bell>('/api/v1/notifications?limit=100')).body.items.filter((n) => n.record.number === number).map((n) => n.event);

beforeAll(async () => {
  server = await startTestServer();
  admin = await adminClient(server);
  agent = await createUser(server, admin, { roles: ['agent'] });
  manager = await createUser(server, admin, { roles: ['service_manager'] });
  auditor = await createUser(server, admin, { roles: ['auditor'] });
  alice = await createUser(server, admin, { kind: 'customer', organisationId: (await createOrganisation(admin)).id });
  bob = await createUser(server, admin, { kind: 'customer', organisationId: (await createOrganisation(admin)).id });
});
afterAll(async () => server?.close());

const api = (number: string, rest = '') => `/api/v1/incidents/${number}${rest}`;

async function declare(title: string) {
  const incident = await createRecord(agent.client, 'incidents', { title, impact: 1, urgency: 1 });
  const declared = await manager.client.post<RecordItem>(api(incident.number, '/major'), {
    reason: 'Whole site offline',
    managerId: agent.user.id,
    updateIntervalMinutes: 30,
  });
  expect(declared.status).toBe(200);
  return declared.body;
}

describe('declaring a major incident', () => {
  it('is for service managers and administrators only, with an active staff manager', async () => {
    const incident = await createRecord(agent.client, 'incidents', { title: 'Mail down' });
    const body = { reason: 'All mail down', managerId: agent.user.id };
    expect((await agent.client.post(api(incident.number, '/major'), body)).status).toBe(403);
    expect((await auditor.client.post(api(incident.number, '/major'), body)).status).toBe(403);
    expect((await alice.client.post(api(incident.number, '/major'), body)).status).toBe(403);
    const customerManager = await manager.client.post(api(incident.number, '/major'), { ...body, managerId: alice.user.id });
    expect(problemOf(customerManager).errors?.map((e) => e.path)).toEqual(['managerId']);
    const oddInterval = await manager.client.post(api(incident.number, '/major'), { ...body, updateIntervalMinutes: 7 });
    expect(problemOf(oddInterval).errors?.map((e) => e.path)).toEqual(['updateIntervalMinutes']);
    expect((await agent.client.patch(api(incident.number), { extension: { major: true } })).status).toBe(400);
  });

  it('sets major, the manager and the first update due one interval later; twice is 409', async () => {
    const before = Date.now();
    const major = await declare('Data centre power loss');
    expect(major.extension).toMatchObject({ major: true, majorManagerId: agent.user.id, updateIntervalMinutes: 30 });
    const due = Date.parse(String(major.extension.nextUpdateDue));
    expect(due).toBeGreaterThanOrEqual(before + 30 * 60_000);
    expect(due).toBeLessThanOrEqual(Date.now() + 30 * 60_000);
    const again = await manager.client.post(api(major.number, '/major'), { reason: 'again', managerId: agent.user.id });
    expect(again.status).toBe(409);
  });
});

describe('a major incident', () => {
  it('keeps a communication log; customer updates reach the requesters of its child incidents', async () => {
    const major = await declare('Network outage 网络中断');
    const mine = await createRecord(alice.client, 'incidents', { title: 'Cannot reach intranet' });
    const theirs = await createRecord(bob.client, 'incidents', { title: 'VPN down' });
    for (const child of [mine, theirs]) {
      expect((await agent.client.patch(api(child.number), { parent: major.number })).status).toBe(200);
    }
    const notMajor = await agent.client.post(api(mine.number, '/communications'), { body: 'x', audience: 'customers' });
    expect(notMajor.status).toBe(409);
    expect((await alice.client.post(api(major.number, '/communications'), { body: 'x', audience: 'customers' })).status).toBe(403);
    expect((await agent.client.post(api(major.number, '/communications'), { body: 'x', audience: 'press' })).status).toBe(400);

    const internal = await agent.client.post<CommunicationLog>(api(major.number, '/communications'), {
      body: 'Core router replaced, BGP converging',
      audience: 'internal',
    });
    expect(internal.status).toBe(201);
    const posted = await agent.client.post<CommunicationLog>(api(major.number, '/communications'), {
      body: '我们正在处理网络中断，预计 30 分钟内恢复。',
      audience: 'customers',
    });
    expect(posted.body.items.map((c) => c.audience)).toEqual(['customers', 'internal']);
    expect(Date.parse(posted.body.nextUpdateDue ?? '')).toBeGreaterThan(Date.now() + 29 * 60_000);

    for (const [who, child] of [
      [alice, mine],
      [bob, theirs],
    ] as const) {
      expect(await eventsOf(who.client, child.number)).toContain('commented');
      const journal = await who.client.get<Journal>(api(child.number, '/journal'));
      const bodies = journal.body.items.map((e) => e.body);
      expect(bodies).toContain('我们正在处理网络中断，预计 30 分钟内恢复。');
      expect(bodies).not.toContain('Core router replaced, BGP converging');
    }
    expect((await alice.client.get(api(major.number, '/communications'))).status).toBe(403);
  });

  it('reminds its manager once when an update is overdue, however many sweeps run', async () => {
    const major = await declare('Storage array degraded');
    const due = Date.parse(String(major.extension.nextUpdateDue));
    await sweepIncidents(server.db, { types: RECORD_TYPES, mail: false, now: due - 1000 });
    expect(await eventsOf(agent.client, major.number)).not.toContain('major_update_due');
    const sweeps = await Promise.all([1, 2, 3].map(() => sweepIncidents(server.db, { types: RECORD_TYPES, mail: false, now: due + 1000 })));
    // Other tests' major incidents may fall due too; this one is reminded exactly once.
    expect(sweeps.reduce((n, s) => n + s.reminded, 0)).toBeGreaterThanOrEqual(1);
    expect((await eventsOf(agent.client, major.number)).filter((e) => e === 'major_update_due')).toHaveLength(1);
    // An update re-arms the reminder for the next interval.
    await manager.client.post(api(major.number, '/communications'), { body: 'Still degraded', audience: 'customers' });
    const log = await agent.client.get<CommunicationLog>(api(major.number, '/communications'));
    const next = Date.parse(log.body.nextUpdateDue ?? '');
    await sweepIncidents(server.db, { types: RECORD_TYPES, mail: false, now: next - 1000 });
    expect((await eventsOf(agent.client, major.number)).filter((e) => e === 'major_update_due')).toHaveLength(1);
    await sweepIncidents(server.db, { types: RECORD_TYPES, mail: false, now: next + 1000 });
    expect((await eventsOf(agent.client, major.number)).filter((e) => e === 'major_update_due')).toHaveLength(2);
  });

  it('resolves its open children with a note naming it, and closes only after its review', async () => {
    const major = await declare('Payroll system down');
    const child = await createRecord(alice.client, 'incidents', { title: 'Payslip missing' });
    await agent.client.patch(api(child.number), { parent: major.number });
    await agent.client.patch(api(major.number), { assigneeId: agent.user.id, category: 'application' });
    await agent.client.post(api(major.number, '/transitions'), { action: 'start' });
    expect((await agent.client.post<RecordItem>(api(major.number, '/transitions'), { action: 'resolve' })).body.state).toBe('resolved');

    const resolvedChild = await alice.client.get<RecordItem>(api(child.number));
    expect(resolvedChild.body.state).toBe('resolved');
    const note = (await alice.client.get<Journal>(api(child.number, '/journal'))).body.items.find((e) => e.kind === 'transition');
    expect(note?.body).toContain(major.number);

    const blocked = await agent.client.post(api(major.number, '/transitions'), { action: 'confirm' });
    expect(blocked.status).toBe(409);
    expect(problemOf(blocked).code).toBe('transition_blocked');
    expect(problemOf(blocked).errors?.map((e) => e.path)).toEqual(['review_recorded']);

    expect((await agent.client.get<{ review: IncidentReview | null }>(api(major.number, '/review'))).body.review).toBeNull();
    expect((await agent.client.put(api(major.number, '/review'), { summary: 'x' })).status).toBe(400);
    expect((await auditor.client.put(api(major.number, '/review'), { summary: 'x', rootCause: 'y' })).status).toBe(403);
    expect((await agent.client.put(api(child.number, '/review'), { summary: 'x', rootCause: 'y' })).status).toBe(409);
    const reviewed = await agent.client.put<{ review: IncidentReview }>(api(major.number, '/review'), {
      summary: 'Database disk full after a failed log rotation',
      rootCause: 'Rotation job disabled during the last upgrade',
      actions: 'Re-enable rotation; alert at 80 %',
      raiseProblem: true,
    });
    expect(reviewed.body.review).toMatchObject({ raiseProblem: true, problemNumber: null, authorId: agent.user.id });
    expect((await agent.client.post<RecordItem>(api(major.number, '/transitions'), { action: 'confirm' })).body.state).toBe('closed');
    // An ordinary incident closes without a review.
    expect((await alice.client.post<RecordItem>(api(child.number, '/transitions'), { action: 'confirm' })).body.state).toBe('closed');
  });
});
