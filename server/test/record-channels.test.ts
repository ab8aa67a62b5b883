import type { Page, RecordItem } from '@keel/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, problemOf } from './client.js';
import { adminClient, createOrganisation, createUser, type TestUser } from './factories.js';
import { startTestServer, type TestServer } from './harness.js';

// What every record keeps about where it came from and how it travelled: its service, its
// channel, and the reassignment and reopen counts the incident reports are built on (P-6.1).
let server: TestServer;
let admin: Client;
let agent: TestUser;
let customer: TestUser;
let email: number;
let retired: number;
let groups: number[];

async function service(name: string, status: 'pipeline' | 'live' | 'retired') {
  const now = Date.now();
  const row = await server.db.kysely
    .insertInto('services')
    .values({ name, name_key: name.toLowerCase(), description: '', status, created_at: now, updated_at: now, version: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  server = await startTestServer();
  admin = await adminClient(server);
  agent = await createUser(server, admin, { roles: ['agent'] });
  customer = await createUser(server, admin, { kind: 'customer', organisationId: (await createOrganisation(admin)).id });
  email = await service('Email 邮件', 'live');
  retired = await service('Fax', 'retired');
  groups = [];
  for (const name of ['Desk', 'Network', 'Database']) {
    groups.push((await admin.post<{ id: number }>('/api/v1/groups', { name: `${name} ${Date.now()}` })).body.id);
  }
});
afterAll(async () => server?.close());

describe('the service of a record', () => {
  it('is set on create, shown with its name, filterable, and changed by an edit', async () => {
    const created = await agent.client.post<RecordItem>('/api/v1/incidents', { title: 'Mail bounces', serviceId: email });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ serviceId: email, serviceName: 'Email 邮件' });
    const listed = await agent.client.get<Page<RecordItem>>(`/api/v1/incidents?serviceId=${email}`);
    expect(listed.body.items.map((r) => r.number)).toEqual([created.body.number]);
    const cleared = await agent.client.patch<RecordItem>(`/api/v1/incidents/${created.body.number}`, { serviceId: null });
    expect(cleared.body).toMatchObject({ serviceId: null, serviceName: null });
    const empty = await agent.client.get<Page<RecordItem>>('/api/v1/incidents?serviceId.empty=true');
    expect(empty.body.items.map((r) => r.number)).toContain(created.body.number);
  });

  it('must exist and not be retired: 400 naming the field, and nothing written', async () => {
    for (const serviceId of [retired, 999_999]) {
      const refused = await agent.client.post('/api/v1/incidents', { title: 'Refused', serviceId });
      expect(refused.status).toBe(400);
      expect(problemOf(refused).errors?.map((e) => e.path)).toEqual(['serviceId']);
    }
    const all = await agent.client.get<Page<RecordItem>>('/api/v1/incidents?limit=200');
    expect(all.body.items.map((r) => r.title)).not.toContain('Refused');
  });
});

describe('the channel a record came from', () => {
  it('is the portal for customers, the API for tokens and the agent desk otherwise; a body cannot set it', async () => {
    const byAgent = await agent.client.post<RecordItem>('/api/v1/incidents', { title: 'At the desk' });
    expect(byAgent.body).toMatchObject({ source: 'agent', externalId: null });
    const byCustomer = await customer.client.post<RecordItem>('/api/v1/incidents', { title: 'From the portal' });
    expect(byCustomer.body.source).toBe('portal');
    const token = await agent.client.post<{ token: string }>('/api/v1/me/tokens', { name: 'monitoring' });
    const integration = new Client(server.url);
    integration.bearer = token.body.token;
    const byApi = await integration.post<RecordItem>('/api/v1/incidents', { title: 'From monitoring' });
    expect(byApi.body.source).toBe('api');
    expect((await agent.client.post('/api/v1/incidents', { title: 'x', source: 'import' })).status).toBe(400);
    const portal = await agent.client.get<Page<RecordItem>>('/api/v1/incidents?source=portal&limit=200');
    expect(portal.body.items.map((r) => r.number)).toEqual([byCustomer.body.number]);
  });
});

describe('reassignment and reopen counts', () => {
  it('count moves between groups (not the first assignment) and reopens after resolution', async () => {
    const created = await agent.client.post<RecordItem>('/api/v1/incidents', {
      title: 'Slow database 数据库慢',
      category: 'database',
      assigneeId: agent.user.id,
    });
    const path = `/api/v1/incidents/${created.body.number}`;
    const first = await agent.client.patch<RecordItem>(path, { groupId: groups[0] });
    expect(first.body.reassignmentCount).toBe(0);
    await agent.client.patch(path, { groupId: groups[1] });
    const twice = await agent.client.patch<RecordItem>(path, { groupId: groups[2], title: 'Slow database (DBA)' });
    expect(twice.body.reassignmentCount).toBe(2);
    const act = (action: string) => agent.client.post<RecordItem>(`${path}/transitions`, { action });
    expect((await act('start')).status).toBe(200);
    expect((await act('resolve')).status).toBe(200);
    expect((await act('reopen')).body.reopenCount).toBe(1);
    await act('resolve');
    const again = await act('reopen');
    expect(again.body).toMatchObject({ reopenCount: 2, reassignmentCount: 2, stateCategory: 'active' });
  });
});
