import type { CatalogueItem, Group, Page, Service } from '@keel/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, problemOf } from './client.js';
import { adminClient, createOrganisation, createUser } from './factories.js';
import { startTestServer, type TestServer } from './harness.js';

let server: TestServer;
let admin: Client;
let counter = 0;
const name = (prefix: string) => `${prefix} ${Date.now().toString(36)}${counter++}`;
const label = (en: string, zh: string) => ({ 'zh-CN': zh, en });

const laptopForm = {
  fields: [
    {
      key: 'model',
      type: 'choice',
      label: label('Model', '型号'),
      required: true,
      options: [
        { value: 'thin', label: label('Thin', '轻薄') },
        { value: 'pro', label: label('Pro', '专业') },
      ],
    },
    { key: 'reason', type: 'textarea', label: label('Reason', '理由'), required: true, max: 500 },
  ],
};

beforeAll(async () => {
  server = await startTestServer();
  admin = await adminClient(server);
});
afterAll(async () => server?.close());

async function createService(body: Record<string, unknown> = {}): Promise<Service> {
  const reply = await admin.post<Service>('/api/v1/services', { name: name('Service'), status: 'live', ...body });
  if (reply.status !== 201) throw new Error(`service: ${reply.status} ${reply.text}`);
  return reply.body;
}

async function createItem(body: Record<string, unknown>): Promise<CatalogueItem> {
  const reply = await admin.post<CatalogueItem>('/api/v1/catalogue-items', { name: name('Item'), ...body });
  if (reply.status !== 201) throw new Error(`item: ${reply.status} ${reply.text}`);
  return reply.body;
}

describe('request catalogue items', () => {
  it('refuses writes without services.manage (403) and malformed forms with the field path (400)', async () => {
    const service = await createService();
    const { client: agent } = await createUser(server, admin, { roles: ['agent'] });
    expect((await agent.post('/api/v1/catalogue-items', { name: name('X'), serviceId: service.id })).status).toBe(403);
    const noOptions = await admin.post('/api/v1/catalogue-items', {
      name: name('Bad'),
      serviceId: service.id,
      form: { fields: [{ key: 'model', type: 'choice', label: label('Model', '型号') }] },
    });
    expect(noOptions.status).toBe(400);
    expect(problemOf(noOptions).errors?.[0]?.path).toBe('form.fields.0.options');
    const unknown = await admin.post('/api/v1/catalogue-items', { name: name('Bad'), serviceId: service.id, price: 3 });
    expect(unknown.status).toBe(400);
    const groupless = await admin.post('/api/v1/catalogue-items', {
      name: name('Bad'),
      serviceId: service.id,
      approval: { kind: 'group' },
    });
    expect(groupless.status).toBe(400);
    expect(problemOf(groupless).errors?.[0]?.path).toBe('approval.groupId');
  });

  it('creates an item with a form, fulfilment group and approval policy, and audits it', async () => {
    const service = await createService();
    const offering = await admin.post<{ id: number }>(`/api/v1/services/${service.id}/offerings`, { name: 'Standard' });
    const group = await admin.post<Group>('/api/v1/groups', { name: name('Desktop team') });
    const item = await createItem({
      serviceId: service.id,
      offeringId: offering.body.id,
      category: 'Hardware',
      form: laptopForm,
      fulfilmentGroupId: group.body.id,
      approval: { kind: 'group', groupId: group.body.id },
    });
    expect(item).toMatchObject({
      serviceName: service.name,
      offeringId: offering.body.id,
      active: true,
      approval: { kind: 'group', groupId: group.body.id },
    });
    expect(item.form.fields.map((f) => f.key)).toEqual(['model', 'reason']);
    expect(item.form.fields[0]?.required).toBe(true);
    const audit = await admin.get<Page<{ action: string }>>(`/api/v1/audit/events?objectType=catalogue_item&objectId=${item.id}`);
    expect(audit.body.items.map((e) => e.action)).toEqual(['catalogue_item.created']);
  });

  it('refuses a retired service, an offering of another service and an unknown group, naming each field', async () => {
    const retired = await createService({ status: 'retired' });
    const service = await createService();
    const other = await createService();
    const foreign = await admin.post<{ id: number }>(`/api/v1/services/${other.id}/offerings`, { name: 'Gold' });
    for (const [path, body] of [
      ['serviceId', { serviceId: retired.id }],
      ['serviceId', { serviceId: 999_999 }],
      ['offeringId', { serviceId: service.id, offeringId: foreign.body.id }],
      ['fulfilmentGroupId', { serviceId: service.id, fulfilmentGroupId: 999_999 }],
      ['approval.groupId', { serviceId: service.id, approval: { kind: 'group', groupId: 999_999 } }],
    ] as const) {
      const reply = await admin.post('/api/v1/catalogue-items', { name: name('Refused'), ...body });
      expect(reply.status, path).toBe(400);
      expect(problemOf(reply).errors?.[0]?.path).toBe(path);
    }
  });

  it('updates with If-Match (412 when stale) and retires an item with active: false', async () => {
    const service = await createService();
    const item = await createItem({ serviceId: service.id });
    const changed = await admin.patch<CatalogueItem>(`/api/v1/catalogue-items/${item.id}`, { form: laptopForm }, { 'if-match': '"v1"' });
    expect(changed.status).toBe(200);
    expect(changed.body.version).toBe(2);
    expect((await admin.patch(`/api/v1/catalogue-items/${item.id}`, { active: false }, { 'if-match': '"v1"' })).status).toBe(412);
    const retired = await admin.patch<CatalogueItem>(`/api/v1/catalogue-items/${item.id}`, { active: false }, { 'if-match': '"v2"' });
    expect(retired.body.active).toBe(false);
    const list = await admin.get<Page<CatalogueItem>>(`/api/v1/catalogue-items?serviceId=${service.id}&active=false`);
    expect(list.body.items.map((i) => i.id)).toEqual([item.id]);
  });

  it('shows a customer only active items of live services offered to their organisation', async () => {
    const mine = await createOrganisation(admin);
    const theirs = await createOrganisation(admin);
    const { client: customer } = await createUser(server, admin, { kind: 'customer', organisationId: mine.id });
    const offered = await createService({ customerIds: [mine.id] });
    const elsewhere = await createService({ customerIds: [theirs.id] });
    const pipeline = await createService({ status: 'pipeline', customerIds: [mine.id] });
    const visible = await createItem({ serviceId: offered.id, form: laptopForm, category: 'Hardware' });
    const inactive = await createItem({ serviceId: offered.id, active: false });
    const foreign = await createItem({ serviceId: elsewhere.id });
    const early = await createItem({ serviceId: pipeline.id });
    const list = await customer.get<Page<CatalogueItem>>('/api/v1/catalogue-items?limit=200');
    expect(list.status).toBe(200);
    expect(list.body.items.map((i) => i.id)).toEqual([visible.id]);
    expect((await customer.get<CatalogueItem>(`/api/v1/catalogue-items/${visible.id}`)).body.form).toEqual(visible.form);
    for (const hidden of [inactive, foreign, early]) expect((await customer.get(`/api/v1/catalogue-items/${hidden.id}`)).status).toBe(404);
    const filtered = await customer.get<Page<CatalogueItem>>(`/api/v1/catalogue-items?serviceId=${elsewhere.id}`);
    expect(filtered.body.items).toEqual([]);
    expect((await customer.patch(`/api/v1/catalogue-items/${visible.id}`, { name: 'Mine' })).status).toBe(403);
  });

  it('filters by category and text, a page at a time', async () => {
    const service = await createService();
    const tag = name('Paged');
    for (let i = 0; i < 3; i++)
      await createItem({ name: `${tag} ${i}`, serviceId: service.id, category: i === 2 ? 'Software' : 'Hardware' });
    const first = await admin.get<Page<CatalogueItem>>(`/api/v1/catalogue-items?serviceId=${service.id}&category=Hardware&limit=1`);
    expect(first.body.items.map((i) => i.name)).toEqual([`${tag} 0`]);
    const second = await admin.get<Page<CatalogueItem>>(
      `/api/v1/catalogue-items?serviceId=${service.id}&category=Hardware&limit=1&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items.map((i) => i.name)).toEqual([`${tag} 1`]);
    expect(second.body.nextCursor).toBeNull();
    const text = await admin.get<Page<CatalogueItem>>(`/api/v1/catalogue-items?q=${encodeURIComponent(`${tag} 2`)}`);
    expect(text.body.items.map((i) => i.category)).toEqual(['Software']);
  });
});
