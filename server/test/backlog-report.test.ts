import type { Backlog, RecordItem } from '@keel/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, problemOf } from './client.js';
import { adminClient, createOrganisation, createUser, type TestUser } from './factories.js';
import { startTestServer, type TestServer } from './harness.js';

// The dashboard's backlog: what is open now by priority and service, and per day how many were
// open at its end, opened in it and resolved in it (P-6.1).
let server: TestServer;
let admin: Client;
let customer: TestUser;
let mail: number;
const DAY = 86_400_000;
const FROM = Date.parse('2026-03-01T00:00:00+08:00');
const at = (days: number, hours = 0) => FROM + days * DAY + hours * 3_600_000;

async function incident(title: string, body: Record<string, unknown>, opened: number, done: number | null): Promise<RecordItem> {
  const created = await admin.post<RecordItem>('/api/v1/incidents', { title, ...body });
  expect(created.status).toBe(201);
  // History is what the trend reads: the times are set as an import would have set them.
  await server.db.kysely
    .updateTable('records')
    .set({
      opened_at: opened,
      resolved_at: done,
      state: done === null ? 'in_progress' : 'resolved',
      state_category: done === null ? 'active' : 'resolved',
    })
    .where('id', '=', created.body.id)
    .execute();
  return created.body;
}

beforeAll(async () => {
  server = await startTestServer();
  admin = await adminClient(server);
  customer = await createUser(server, admin, { kind: 'customer', organisationId: (await createOrganisation(admin)).id });
  mail = (await admin.post<{ id: number }>('/api/v1/services', { name: 'Email 邮件', status: 'live' })).body.id;
  await incident('Opened before, still open', { impact: 1, urgency: 1, serviceId: mail }, at(-5), null);
  await incident('Opened day 0, resolved day 1', { impact: 2, urgency: 2, serviceId: mail }, at(0, 9), at(1, 10));
  await incident('Opened day 1, still open', { impact: 2, urgency: 2 }, at(1, 8), null);
  await incident('Opened day 2, resolved day 2', { impact: 3, urgency: 3 }, at(2, 1), at(2, 5));
  await incident('Resolved long before', { impact: 3, urgency: 3 }, at(-30), at(-20));
});
afterAll(async () => server?.close());

const backlog = (query: string, who: Client = admin) => who.get<Backlog>(`/api/v1/reports/incidents/backlog?${query}`);
const window = (days: number) =>
  `from=${encodeURIComponent(new Date(FROM).toISOString())}&to=${encodeURIComponent(new Date(at(days)).toISOString())}`;

describe('the backlog report', () => {
  it('counts what is open now by priority and by service', async () => {
    const reply = await backlog(window(3));
    expect(reply.status).toBe(200);
    expect(reply.body.open.total).toBe(2);
    expect(reply.body.open.byPriority).toEqual([
      { priority: 1, count: 1 },
      { priority: 3, count: 1 },
    ]);
    expect(reply.body.open.byService).toEqual(
      expect.arrayContaining([
        { serviceId: mail, serviceName: 'Email 邮件', count: 1 },
        { serviceId: null, serviceName: null, count: 1 },
      ]),
    );
  });

  it('gives per day the open count at its end, and what was opened and resolved in it', async () => {
    const reply = await backlog(window(3));
    expect(reply.body.trend.map(({ open, opened, resolved }) => ({ open, opened, resolved }))).toEqual([
      { open: 2, opened: 1, resolved: 0 },
      { open: 2, opened: 1, resolved: 1 },
      { open: 2, opened: 1, resolved: 1 },
    ]);
    expect(reply.body.trend[0]?.start).toBe(new Date(FROM).toISOString());
    const weekly = await backlog(`${window(14)}&bucket=week`);
    expect(weekly.body.trend).toHaveLength(2);
    expect(weekly.body.trend[0]).toMatchObject({ open: 2, opened: 3, resolved: 2 });
  });

  it('refuses a window that ends before it starts or has too many buckets, naming the field', async () => {
    const backwards = await backlog(
      `from=${encodeURIComponent(new Date(at(3)).toISOString())}&to=${encodeURIComponent(new Date(FROM).toISOString())}`,
    );
    expect(backwards.status).toBe(400);
    expect(problemOf(backwards).errors?.map((e) => e.path)).toEqual(['to']);
    expect((await backlog(window(400))).status).toBe(400);
    expect((await backlog('from=yesterday&to=today')).status).toBe(400);
  });

  it('is for staff who read the type, not customers', async () => {
    expect((await backlog(window(3), customer.client)).status).toBe(403);
  });
});
