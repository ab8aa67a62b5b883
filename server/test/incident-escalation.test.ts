import type { Group, Page, RecordItem } from '@keel/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, problemOf } from './client.js';
import { adminClient, createOrganisation, createRecord, createUser, type TestUser } from './factories.js';
import { startTestServer, type TestServer } from './harness.js';

let server: TestServer;
let admin: Client;
let agent: TestUser;
let lead: TestUser;
let secondLine: TestUser;
let manager: TestUser;
let auditor: TestUser;
let customer: TestUser;
let desk: Group;
let network: Group;

type Bell = Page<{ event: string; record: { number: string }; params: Record<string, unknown> }>;
const bellOf = async (who: Client, number: string) =>
  (await who.get<Bell>('/api/v1/notifications?limit=100')).body.items.filter((n) => n.record.number === number);

beforeAll(async () => {
  server = await startTestServer();
  admin = await adminClient(server);
  agent = await createUser(server, admin, { roles: ['agent'] });
  lead = await createUser(server, admin, { roles: ['agent'] });
  secondLine = await createUser(server, admin, { roles: ['agent'] });
  manager = await createUser(server, admin, { roles: ['service_manager'] });
  auditor = await createUser(server, admin, { roles: ['auditor'] });
  customer = await createUser(server, admin, { kind: 'customer', organisationId: (await createOrganisation(admin)).id });
  desk = (await admin.post<Group>('/api/v1/groups', { name: 'Desk', leadId: lead.user.id, memberIds: [agent.user.id] })).body;
  network = (await admin.post<Group>('/api/v1/groups', { name: 'Network', memberIds: [secondLine.user.id] })).body;
});
afterAll(async () => server?.close());

const path = (n: string) => `/api/v1/incidents/${n}/escalate`;

describe('escalating an incident', () => {
  it('needs incidents.manage, a visible incident and a valid body', async () => {
    const incident = await createRecord(customer.client, 'incidents', { title: 'Slow network' });
    expect((await customer.client.post(path(incident.number), { kind: 'hierarchical', reason: 'Please hurry' })).status).toBe(403);
    expect((await auditor.client.post(path(incident.number), { kind: 'hierarchical', reason: 'x' })).status).toBe(403);
    expect((await agent.client.post(path('INC-999999'), { kind: 'hierarchical', reason: 'x' })).status).toBe(404);
    const noReason = await agent.client.post(path(incident.number), { kind: 'hierarchical', reason: ' ' });
    expect(problemOf(noReason).errors?.map((e) => e.path)).toEqual(['reason']);
    expect((await agent.client.post(path(incident.number), { kind: 'sideways', reason: 'x' })).status).toBe(400);
    expect((await agent.client.post(path(incident.number), { kind: 'functional', reason: 'x' })).status).toBe(400);
  });

  it('functionally hands the incident to another group: a reassignment, noted and notified', async () => {
    const incident = await createRecord(agent.client, 'incidents', {
      title: 'Switch flapping',
      groupId: desk.id,
      assigneeId: agent.user.id,
    });
    const same = await agent.client.post(path(incident.number), { kind: 'functional', groupId: desk.id, reason: 'x' });
    expect(problemOf(same).errors?.map((e) => e.path)).toEqual(['groupId']);
    expect(
      (await agent.client.post(path(incident.number), { kind: 'functional', groupId: network.id, reason: 'x' }, { 'if-match': '"v99"' }))
        .status,
    ).toBe(412);
    const moved = await agent.client.post<RecordItem>(path(incident.number), {
      kind: 'functional',
      groupId: network.id,
      reason: 'Needs the network team',
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ groupId: network.id, assigneeId: null, reassignmentCount: 1 });
    expect(moved.headers.get('etag')).toBe(`"v${moved.body.version}"`);
    expect((await bellOf(secondLine.client, incident.number)).map((n) => n.event)).toContain('group_assigned');
    const journal = await agent.client.get<Page<{ kind: string; body: string; visibility: string }>>(
      `/api/v1/incidents/${incident.number}/journal`,
    );
    expect(journal.body.items.find((e) => e.body.includes('Needs the network team'))).toMatchObject({
      kind: 'work_note',
      visibility: 'internal',
    });
  });

  it('hierarchically raises the level and alerts the group lead and the service managers, not the customer', async () => {
    const incident = await createRecord(customer.client, 'incidents', { title: 'Payroll down' });
    await agent.client.patch(`/api/v1/incidents/${incident.number}`, { groupId: desk.id });
    const first = await agent.client.post<RecordItem>(path(incident.number), { kind: 'hierarchical', reason: 'Payroll run at 5pm' });
    expect(first.status).toBe(200);
    expect(first.body.extension).toMatchObject({ escalationLevel: 1 });
    const second = await agent.client.post<RecordItem>(path(incident.number), { kind: 'hierarchical', reason: 'Still down' });
    expect(second.body.extension).toMatchObject({ escalationLevel: 2 });
    expect((await bellOf(lead.client, incident.number)).filter((n) => n.event === 'escalated').map((n) => n.params.level)).toEqual([2, 1]);
    expect((await bellOf(manager.client, incident.number)).some((n) => n.event === 'escalated')).toBe(true);
    expect((await bellOf(customer.client, incident.number)).some((n) => n.event === 'escalated')).toBe(false);
    const seen = await customer.client.get<Page<{ body: string }>>(`/api/v1/incidents/${incident.number}/journal`);
    expect(seen.body.items.some((e) => e.body.includes('Payroll run at 5pm'))).toBe(false);
    // The level is the incident process's to set: a plain edit cannot.
    expect((await agent.client.patch(`/api/v1/incidents/${incident.number}`, { extension: { escalationLevel: 0 } })).status).toBe(400);
  });

  it('is refused with 409 once the incident is closed or cancelled', async () => {
    const incident = await createRecord(agent.client, 'incidents', { title: 'Duplicate' });
    await agent.client.post(`/api/v1/incidents/${incident.number}/transitions`, { action: 'cancel' });
    const refused = await agent.client.post(path(incident.number), { kind: 'hierarchical', reason: 'x' });
    expect(refused.status).toBe(409);
    expect(problemOf(refused).code).toBe('conflict');
  });
});
