import type { AuditEvent, Page, RecordItem } from '@keel/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepIncidents } from '../src/modules/incidents/sweep.js';
import { RECORD_TYPES } from '../src/modules/record-types.js';
import type { Client } from './client.js';
import { adminClient, createOrganisation, createRecord, createUser, type TestUser } from './factories.js';
import { startTestServer, type TestServer } from './harness.js';

let server: TestServer;
let admin: Client;
let agent: TestUser;
let customer: TestUser;
const DAY = 86_400_000;
type Journal = Page<{ kind: string; body: string; authorId: number | null; data: Record<string, unknown> }>;

beforeAll(async () => {
  server = await startTestServer();
  admin = await adminClient(server);
  agent = await createUser(server, admin, { roles: ['agent'] });
  customer = await createUser(server, admin, { kind: 'customer', organisationId: (await createOrganisation(admin)).id });
  expect((await customer.client.patch('/api/v1/me', { locale: 'zh-CN' })).status).toBe(200);
});
afterAll(async () => server?.close());

async function resolved(title: string) {
  const incident = await createRecord(customer.client, 'incidents', { title });
  const path = `/api/v1/incidents/${incident.number}`;
  await agent.client.patch(path, { assigneeId: agent.user.id, category: 'desktop' });
  await agent.client.post(`${path}/transitions`, { action: 'start' });
  const done = await agent.client.post<RecordItem>(`${path}/transitions`, { action: 'resolve' });
  expect(done.body.state).toBe('resolved');
  return { ...done.body, path, resolvedAt: Date.parse(done.body.resolvedAt ?? '') };
}
const sweep = (now: number) => sweepIncidents(server.db, { types: RECORD_TYPES, mail: false, now });

describe('the auto-close setting', () => {
  it('is read by staff, changed with records.configure, 1–30 days, audited', async () => {
    expect((await customer.client.get('/api/v1/settings/incident-auto-close')).status).toBe(403);
    const read = await agent.client.get<{ days: number; version: number }>('/api/v1/settings/incident-auto-close');
    expect(read.body.days).toBe(3);
    expect((await agent.client.put('/api/v1/settings/incident-auto-close', { days: 5 })).status).toBe(403);
    expect((await admin.put('/api/v1/settings/incident-auto-close', { days: 0 })).status).toBe(400);
    expect((await admin.put('/api/v1/settings/incident-auto-close', { days: 31 })).status).toBe(400);
    expect((await admin.put('/api/v1/settings/incident-auto-close', { days: 5 }, { 'if-match': '"v7"' })).status).toBe(412);
    const changed = await admin.put<{ days: number }>('/api/v1/settings/incident-auto-close', { days: 5 });
    expect(changed.body.days).toBe(5);
    const events = await admin.get<Page<AuditEvent>>('/api/v1/audit/events?action=setting.updated');
    expect(events.body.items[0]?.changes.days).toEqual([3, 5]);
    expect((await admin.put('/api/v1/settings/incident-auto-close', { days: 3 })).status).toBe(200);
  });
});

describe('closing resolved incidents automatically', () => {
  it('closes after the set days, exactly once however many sweeps run, with a note in the requester’s language', async () => {
    const incident = await resolved('Monitor flickers');
    expect((await sweep(incident.resolvedAt + 3 * DAY - 60_000)).closed).toBe(0);
    expect((await customer.client.get<RecordItem>(incident.path)).body.state).toBe('resolved');
    const sweeps = await Promise.all([1, 2, 3].map(() => sweep(incident.resolvedAt + 3 * DAY + 60_000)));
    expect(sweeps.reduce((n, s) => n + s.closed, 0)).toBeGreaterThanOrEqual(1);
    const closed = await customer.client.get<RecordItem>(incident.path);
    expect(closed.body).toMatchObject({ state: 'closed', stateCategory: 'closed' });
    const journal = await customer.client.get<Journal>(`${incident.path}/journal?limit=100`);
    const notes = journal.body.items.filter((e) => e.data.automatic === true);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.body).toContain('自动关闭');
    expect(notes[0]?.authorId).toBeNull();
    const audit = await admin.get<Page<AuditEvent>>(`/api/v1/audit/events?action=record.closed_automatically&objectId=${incident.id}`);
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]?.actorId).toBeNull();
    expect((await sweep(incident.resolvedAt + 10 * DAY)).closed).toBe(0);
  });

  it('leaves alone what the customer reopened or confirmed, and a major incident without its review', async () => {
    const reopened = await resolved('Keyboard sticky');
    await customer.client.post(`${reopened.path}/transitions`, { action: 'reopen' });
    const confirmed = await resolved('Mouse lag');
    await customer.client.post(`${confirmed.path}/transitions`, { action: 'confirm' });
    const manager = await createUser(server, admin, { roles: ['service_manager'] });
    const major = await createRecord(agent.client, 'incidents', { title: 'Floor outage', assigneeId: agent.user.id, category: 'network' });
    const majorPath = `/api/v1/incidents/${major.number}`;
    await manager.client.post(`${majorPath}/major`, { reason: 'Whole floor', managerId: agent.user.id });
    await agent.client.post(`${majorPath}/transitions`, { action: 'start' });
    const majorResolved = await agent.client.post<RecordItem>(`${majorPath}/transitions`, { action: 'resolve' });
    const later = Date.parse(majorResolved.body.resolvedAt ?? '') + 30 * DAY;
    await sweep(later);
    expect((await agent.client.get<RecordItem>(reopened.path)).body.state).toBe('in_progress');
    expect((await agent.client.get<Journal>(`${confirmed.path}/journal?limit=100`)).body.items.some((e) => e.data.automatic === true)).toBe(
      false,
    );
    expect((await agent.client.get<RecordItem>(majorPath)).body.state).toBe('resolved');
    await agent.client.put(`${majorPath}/review`, { summary: 'Switch died', rootCause: 'Power supply' });
    await sweep(later);
    expect((await agent.client.get<RecordItem>(majorPath)).body.state).toBe('closed');
  });
});
