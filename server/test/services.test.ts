import type { AuditEvent, Page, Service, ServiceOffering } from '@keel/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, problemOf } from './client.js';
import { adminClient, createOrganisation, createRecord, createUser } from './factories.js';
import { startTestServer, type TestServer } from './harness.js';

let server: TestServer;
let admin: Client;
let counter = 0;
const name = (prefix: string) => `${prefix} ${Date.now().toString(36)}${counter++}`;

beforeAll(async () => {
  server = await startTestServer();
  admin = await adminClient(server);
});
afterAll(async () => server?.close());

async function createService(body: Record<string, unknown> = {}): Promise<Service> {
  const reply = await admin.post<Service>('/api/v1/services', { name: name('Service'), ...body });
  if (reply.status !== 201) throw new Error(`service: ${reply.status} ${reply.text}`);
  return reply.body;
}

describe('services', () => {
  it('refuses an agent (403) and an unknown field (400) before creating anything', async () => {
    const { client: agent } = await createUser(server, admin, { roles: ['agent'] });
    expect((await agent.post('/api/v1/services', { name: name('Nope') })).status).toBe(403);
    const reply = await admin.post('/api/v1/services', { name: name('Bad'), colour: 'red' });
    expect(reply.status).toBe(400);
    expect(problemOf(reply).code).toBe('validation_failed');
  });

  it('creates a service with owner, calendar, customers and supporters, and audits it', async () => {
    const { user: owner } = await createUser(server, admin, { roles: ['service_manager'] });
    const org = await createOrganisation(admin);
    const network = await createService({ status: 'live' });
    const mail = await createService({
      description: '企业邮箱 Corporate mail',
      ownerId: owner.id,
      status: 'live',
      customerIds: [org.id, org.id],
      supportedByIds: [network.id],
    });
    expect(mail).toMatchObject({ ownerId: owner.id, ownerName: owner.displayName, customerIds: [org.id], supportedByIds: [network.id] });
    const audit = await admin.get<Page<AuditEvent>>(`/api/v1/audit/events?objectType=service&objectId=${mail.id}`);
    expect(audit.body.items.map((e) => e.action)).toEqual(['service.created']);
  });

  it('names the field of a missing owner, organisation or supporting service', async () => {
    for (const [field, body] of [
      ['ownerId', { ownerId: 999_999 }],
      ['customerIds', { customerIds: [999_999] }],
      ['supportedByIds', { supportedByIds: [999_999] }],
      ['calendarId', { calendarId: 999_999 }],
    ] as const) {
      const reply = await admin.post('/api/v1/services', { name: name('Refs'), ...body });
      expect(reply.status, field).toBe(400);
      expect(problemOf(reply).errors?.[0]?.path).toBe(field);
    }
  });

  it('refuses a service supporting itself (400) and a cycle of supporting services (409)', async () => {
    const a = await createService();
    const b = await createService({ supportedByIds: [a.id] });
    const c = await createService({ supportedByIds: [b.id] });
    const self = await admin.patch(`/api/v1/services/${a.id}`, { supportedByIds: [a.id] });
    expect(self.status).toBe(400);
    const cycle = await admin.patch(`/api/v1/services/${a.id}`, { supportedByIds: [c.id] });
    expect(cycle.status).toBe(409);
    expect(problemOf(cycle).code).toBe('conflict');
    expect(problemOf(cycle).errors?.[0]?.path).toBe('supportedByIds');
    expect((await admin.get<Service>(`/api/v1/services/${a.id}`)).body.supportedByIds).toEqual([]);
  });

  it('updates with If-Match, answers 412 to a stale version, and refuses a duplicate name with 409', async () => {
    const service = await createService();
    const first = await admin.get<Service>(`/api/v1/services/${service.id}`);
    const etag = first.headers.get('etag') ?? '';
    const ok = await admin.patch<Service>(`/api/v1/services/${service.id}`, { description: 'v2' }, { 'if-match': etag });
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBe(service.version + 1);
    const stale = await admin.patch(`/api/v1/services/${service.id}`, { description: 'v3' }, { 'if-match': etag });
    expect(stale.status).toBe(412);
    const other = await createService();
    const dup = await admin.patch(`/api/v1/services/${other.id}`, { name: service.name.toUpperCase() });
    expect(dup.status).toBe(409);
  });

  it('retires a service instead of deleting it: its records stay, new records are refused', async () => {
    const service = await createService({ status: 'live' });
    const incident = await createRecord(admin, 'incidents', { title: 'Mail down', serviceId: service.id });
    expect(incident.serviceId).toBe(service.id);
    expect((await admin.delete(`/api/v1/services/${service.id}`)).status).toBe(404);
    const retired = await admin.patch<Service>(`/api/v1/services/${service.id}`, { status: 'retired' });
    expect(retired.body.status).toBe('retired');
    const refused = await admin.post('/api/v1/incidents', { title: 'Again', serviceId: service.id });
    expect(refused.status).toBe(400);
    expect(problemOf(refused).errors?.[0]?.path).toBe('serviceId');
  });

  it('lists by status, owner and text, a page at a time', async () => {
    const { user: owner } = await createUser(server, admin, { roles: ['service_manager'] });
    const tag = name('Filter');
    for (let i = 0; i < 3; i++) await createService({ name: `${tag} ${i}`, ownerId: owner.id, status: i === 0 ? 'pipeline' : 'live' });
    const live = await admin.get<Page<Service>>(`/api/v1/services?ownerId=${owner.id}&status=live&limit=1`);
    expect(live.body.items).toHaveLength(1);
    expect(live.body.nextCursor).not.toBeNull();
    const next = await admin.get<Page<Service>>(`/api/v1/services?ownerId=${owner.id}&status=live&limit=1&cursor=${live.body.nextCursor}`);
    expect(next.body.items[0]?.name).toBe(`${tag} 2`);
    const text = await admin.get<Page<Service>>(`/api/v1/services?q=${encodeURIComponent(`${tag} 0`)}`);
    expect(text.body.items.map((s) => s.status)).toEqual(['pipeline']);
    expect((await admin.get('/api/v1/services?sort=id;DROP')).status).toBe(400);
  });

  it('shows a customer (even one who sees only their own records) just the live services offered to their organisation, without other customers or dependencies', async () => {
    const mine = await createOrganisation(admin);
    const theirs = await createOrganisation(admin);
    const { client: customer } = await createUser(server, admin, { kind: 'customer', organisationId: mine.id });
    const support = await createService({ status: 'live' });
    const offered = await createService({ status: 'live', customerIds: [mine.id, theirs.id], supportedByIds: [support.id] });
    const notYet = await createService({ status: 'pipeline', customerIds: [mine.id] });
    const other = await createService({ status: 'live', customerIds: [theirs.id] });
    const list = await customer.get<Page<Service>>('/api/v1/services?limit=200');
    expect(list.status).toBe(200);
    expect(list.body.items.map((s) => s.id)).toEqual([offered.id]);
    expect(list.body.items[0]).toMatchObject({ customerIds: [mine.id], supportedByIds: [] });
    expect((await customer.get(`/api/v1/services/${other.id}`)).status).toBe(404);
    expect((await customer.get(`/api/v1/services/${notYet.id}`)).status).toBe(404);
    expect((await customer.post('/api/v1/services', { name: name('Mine') })).status).toBe(403);
  });

  it('adds, renames and retires offerings; a customer sees only active ones', async () => {
    const org = await createOrganisation(admin);
    const { client: customer } = await createUser(server, admin, { kind: 'customer', organisationId: org.id });
    const service = await createService({ status: 'live', customerIds: [org.id] });
    const gold = await admin.post<ServiceOffering>(`/api/v1/services/${service.id}/offerings`, { name: 'Gold', description: '7×24' });
    expect(gold.status).toBe(201);
    const silver = await admin.post<ServiceOffering>(`/api/v1/services/${service.id}/offerings`, { name: 'Silver' });
    expect((await admin.post(`/api/v1/services/${service.id}/offerings`, { name: 'GOLD' })).status).toBe(409);
    const retired = await admin.patch<ServiceOffering>(
      `/api/v1/services/${service.id}/offerings/${silver.body.id}`,
      { active: false },
      { 'if-match': '"v1"' },
    );
    expect(retired.body).toMatchObject({ active: false, version: 2 });
    const elsewhere = await createService();
    expect((await admin.patch(`/api/v1/services/${elsewhere.id}/offerings/${gold.body.id}`, { name: 'X' })).status).toBe(404);
    const staff = await admin.get<Service>(`/api/v1/services/${service.id}`);
    expect(staff.body.offerings.map((o) => o.name)).toEqual(['Gold', 'Silver']);
    const seen = await customer.get<Service>(`/api/v1/services/${service.id}`);
    expect(seen.body.offerings.map((o) => o.name)).toEqual(['Gold']);
  });
});
