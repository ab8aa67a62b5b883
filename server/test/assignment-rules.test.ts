import type { AssignmentRule, AuditEvent, Group, Page, RecordItem } from '@keel/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, problemOf } from './client.js';
import { adminClient, createOrganisation, createRecord, createUser, type TestUser } from './factories.js';
import { startTestServer, type TestServer } from './harness.js';

// Ordered rules route a new record to a group (and maybe a person) when it arrives without one.
let server: TestServer;
let admin: Client;
let agent: TestUser;
let manager: TestUser;
let customer: TestUser;
let network: Group;
let messaging: Group;
let desk: Group;
let mailService: number;

async function group(name: string): Promise<Group> {
  const reply = await admin.post<Group>('/api/v1/groups', { name: `${name} ${Date.now()}` });
  if (reply.status !== 201) throw new Error(reply.text);
  return reply.body;
}

async function rule(body: Record<string, unknown>): Promise<AssignmentRule> {
  const reply = await manager.client.post<AssignmentRule>('/api/v1/assignment-rules', body);
  if (reply.status !== 201) throw new Error(reply.text);
  return reply.body;
}

beforeAll(async () => {
  server = await startTestServer();
  admin = await adminClient(server);
  agent = await createUser(server, admin, { roles: ['agent'] });
  manager = await createUser(server, admin, { roles: ['service_manager'] });
  customer = await createUser(server, admin, { kind: 'customer', organisationId: (await createOrganisation(admin)).id });
  network = await group('Network');
  messaging = await group('Messaging');
  desk = await group('Service desk');
  const now = Date.now();
  const row = await server.db.kysely
    .insertInto('services')
    .values({ name: 'Mail', name_key: 'mail', description: '', status: 'live', created_at: now, updated_at: now, version: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  mailService = row.id;
});
afterAll(async () => server?.close());

describe('assignment rules', () => {
  it('are configured only with records.configure, and checked', async () => {
    expect((await agent.client.get('/api/v1/assignment-rules')).status).toBe(403);
    expect((await agent.client.post('/api/v1/assignment-rules', { name: 'x', recordType: 'incident', groupId: network.id })).status).toBe(
      403,
    );
    const unknownType = await manager.client.post('/api/v1/assignment-rules', { name: 'x', recordType: 'nope', groupId: network.id });
    expect(problemOf(unknownType).errors?.map((e) => e.path)).toEqual(['recordType']);
    const unknownGroup = await manager.client.post('/api/v1/assignment-rules', { name: 'x', recordType: 'incident', groupId: 999999 });
    expect(problemOf(unknownGroup).errors?.map((e) => e.path)).toEqual(['groupId']);
    const customerAssignee = await manager.client.post('/api/v1/assignment-rules', {
      name: 'x',
      recordType: 'incident',
      groupId: network.id,
      assigneeId: customer.user.id,
    });
    expect(problemOf(customerAssignee).errors?.map((e) => e.path)).toEqual(['assigneeId']);
    const badPriority = await manager.client.post('/api/v1/assignment-rules', {
      name: 'x',
      recordType: 'incident',
      groupId: 1,
      priority: 9,
    });
    expect(badPriority.status).toBe(400);
  });

  it('route a new record without a group to the first matching rule, from every channel', async () => {
    const p1 = await rule({
      name: 'Network P1',
      recordType: 'incident',
      category: 'network',
      priority: 1,
      groupId: network.id,
      assigneeId: agent.user.id,
      position: 10,
    });
    await rule({ name: 'Mail', recordType: 'incident', serviceId: mailService, groupId: messaging.id, position: 20 });
    await rule({ name: 'Everything else', recordType: 'incident', groupId: desk.id, position: 90 });
    await rule({ name: 'Disabled', recordType: 'incident', groupId: network.id, position: 1, active: false });

    const urgent = await createRecord(agent.client, 'incidents', { title: 'Core switch down', category: 'Network', impact: 1, urgency: 1 });
    expect(urgent).toMatchObject({ groupId: network.id, assigneeId: agent.user.id });
    const mail = await createRecord(agent.client, 'incidents', { title: 'Mail bounces', serviceId: mailService, impact: 3, urgency: 3 });
    expect(mail.groupId).toBe(messaging.id);
    // A customer's portal incident goes through the same create and the same rules.
    const portal = await createRecord(customer.client, 'incidents', { title: 'Cannot print' });
    expect(portal.groupId).toBe(desk.id);
    // A group given by the caller wins; a task has no rules.
    const given = await createRecord(agent.client, 'incidents', {
      title: 'Mine',
      category: 'network',
      impact: 1,
      urgency: 1,
      groupId: messaging.id,
    });
    expect(given).toMatchObject({ groupId: messaging.id, assigneeId: null });
    expect((await createRecord(agent.client, 'tasks', { title: 'A task' })).groupId).toBeNull();

    const events = await admin.get<Page<AuditEvent>>(`/api/v1/audit/events?objectType=incident&objectId=${urgent.id}`);
    expect(events.body.items[0]?.changes.assignmentRule).toEqual([null, p1.id]);
  });

  it('are edited with If-Match and deleted, each change audited, records keeping their group', async () => {
    const r = await rule({ name: 'Printers', recordType: 'incident', category: 'printing', groupId: network.id, position: 5 });
    const before = await createRecord(agent.client, 'incidents', { title: 'Printer jam', category: 'printing' });
    expect(before.groupId).toBe(network.id);
    expect((await manager.client.patch(`/api/v1/assignment-rules/${r.id}`, { groupId: desk.id }, { 'if-match': '"v9"' })).status).toBe(412);
    const changed = await manager.client.patch<AssignmentRule>(
      `/api/v1/assignment-rules/${r.id}`,
      { groupId: desk.id },
      { 'if-match': '"v1"' },
    );
    expect(changed.body).toMatchObject({ groupId: desk.id, version: 2 });
    expect((await createRecord(agent.client, 'incidents', { title: 'Printer jam 2', category: 'printing' })).groupId).toBe(desk.id);
    expect((await manager.client.delete(`/api/v1/assignment-rules/${r.id}`)).status).toBe(204);
    expect((await manager.client.get(`/api/v1/assignment-rules/${r.id}`)).status).toBe(404);
    expect((await agent.client.get<RecordItem>(`/api/v1/incidents/${before.number}`)).body.groupId).toBe(network.id);
    const audit = await admin.get<Page<AuditEvent>>(`/api/v1/audit/events?objectType=assignment_rule&objectId=${r.id}`);
    expect(audit.body.items.map((e) => e.action).sort()).toEqual([
      'assignment_rule.created',
      'assignment_rule.deleted',
      'assignment_rule.updated',
    ]);
    const listed = await manager.client.get<{ items: AssignmentRule[] }>('/api/v1/assignment-rules?recordType=incident');
    expect(listed.body.items.map((i) => i.position)).toEqual([...listed.body.items.map((i) => i.position)].sort((a, b) => a - b));
  });
});
