import type { Page, RatingSummary, RecordItem, TicketRating } from '@keel/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, problemOf } from './client.js';
import { adminClient, createOrganisation, createUser, type TestUser } from './factories.js';
import { startTestServer, type TestServer } from './harness.js';

// Satisfaction (P-5.3): each closed ticket is rated once by its requester (or a colleague
// who sees the organisation's tickets); a low rating tells the group's lead; staff read the figures.
let server: TestServer;
let admin: Client;
let agent: TestUser;
let lead: TestUser;
let alice: TestUser;
let colleague: TestUser;
let bob: TestUser;
let group: number;
let otherGroup: number;

beforeAll(async () => {
  server = await startTestServer();
  admin = await adminClient(server);
  const acme = await createOrganisation(admin);
  const other = await createOrganisation(admin);
  agent = await createUser(server, admin, { roles: ['agent'] });
  lead = await createUser(server, admin, { roles: ['agent'] });
  alice = await createUser(server, admin, { kind: 'customer', organisationId: acme.id });
  colleague = await createUser(server, admin, { kind: 'customer', organisationId: acme.id, seesOrganisationRecords: true });
  bob = await createUser(server, admin, { kind: 'customer', organisationId: other.id });
  group = (
    await admin.post<{ id: number }>('/api/v1/groups', { name: `Desk ${Date.now()}`, leadId: lead.user.id, memberIds: [agent.user.id] })
  ).body.id;
  otherGroup = (await admin.post<{ id: number }>('/api/v1/groups', { name: `Other ${Date.now()}` })).body.id;
});
afterAll(async () => server?.close());

/** An incident raised by the customer and taken through to closed (or only to resolved). */
async function ticket(who: Client, until: 'resolved' | 'closed', groupId = group) {
  const raised = await who.post<RecordItem>('/api/v1/incidents', { title: '打印机无法打印 Printer' });
  const path = `/api/v1/incidents/${raised.body.number}`;
  await agent.client.patch(path, { assigneeId: agent.user.id, groupId, category: 'printing' });
  await agent.client.post(`${path}/transitions`, { action: 'start' });
  await agent.client.post(`${path}/transitions`, { action: 'resolve' });
  if (until === 'closed') expect((await who.post<RecordItem>(`${path}/transitions`, { action: 'confirm' })).body.state).toBe('closed');
  return raised.body.number;
}

const rate = (who: Client, number: string, body: Record<string, unknown>) =>
  who.post<{ rating: TicketRating }>(`/api/v1/incidents/${number}/rating`, body);

describe('rating a ticket', () => {
  it('is once per closed ticket, by the requester, and shown to staff', async () => {
    const open = await ticket(alice.client, 'resolved');
    const early = await rate(alice.client, open, { score: 5 });
    expect(early.status).toBe(409);
    expect(problemOf(early).code).toBe('conflict');

    const number = await ticket(alice.client, 'closed');
    const rated = await rate(alice.client, number, { score: 4, comment: '很快解决了，谢谢' });
    expect(rated.status).toBe(201);
    expect(rated.body.rating).toMatchObject({ score: 4, comment: '很快解决了，谢谢', ratedById: alice.user.id });
    expect((await rate(alice.client, number, { score: 5 })).status).toBe(409);
    const seen = await agent.client.get<{ rating: TicketRating | null }>(`/api/v1/incidents/${number}/rating`);
    expect(seen.body.rating).toMatchObject({ score: 4, ratedByName: alice.user.displayName });
    const audit = await admin.get<Page<{ action: string; objectLabel: string }>>('/api/v1/audit/events?action=record.rated&limit=5');
    expect(audit.body.items.map((e) => e.objectLabel)).toContain(number);
  });

  it('refuses bad scores, other organisations (404), and staff who did not raise it (403)', async () => {
    const number = await ticket(alice.client, 'closed');
    for (const score of [0, 6, 2.5]) expect((await rate(alice.client, number, { score })).status, String(score)).toBe(400);
    expect((await rate(bob.client, number, { score: 1 })).status).toBe(404);
    expect((await bob.client.get(`/api/v1/incidents/${number}/rating`)).status).toBe(404);
    expect((await rate(agent.client, number, { score: 5 })).status).toBe(403);
    // A colleague who sees the organisation's tickets may rate it.
    expect((await rate(colleague.client, number, { score: 3 })).status).toBe(201);
  });

  it('tells the group lead of a low rating, not of a good one', async () => {
    const bellOf = async (number: string) => {
      const bell = await lead.client.get<Page<{ event: string; record: { number: string } }>>('/api/v1/notifications?limit=200');
      return bell.body.items.filter((n) => n.record.number === number).map((n) => n.event);
    };
    const low = await ticket(alice.client, 'closed');
    expect((await rate(alice.client, low, { score: 2, comment: '太慢了' })).status).toBe(201);
    expect(await bellOf(low)).toContain('low_rating');
    const good = await ticket(alice.client, 'closed');
    await rate(alice.client, good, { score: 3 });
    expect(await bellOf(good)).not.toContain('low_rating');
    expect(
      (await alice.client.get<Page<{ event: string }>>('/api/v1/notifications?limit=200')).body.items.map((n) => n.event),
    ).not.toContain('low_rating');
  });
});

describe('the rating summary', () => {
  it('gives count, average and distribution, filtered by group and period, to staff only', async () => {
    const from = new Date().toISOString();
    const scores = [5, 5, 1, 4];
    for (const score of scores) await rate(alice.client, await ticket(alice.client, 'closed', otherGroup), { score });
    const summary = await agent.client.get<RatingSummary>(`/api/v1/ratings/summary?groupId=${otherGroup}&from=${encodeURIComponent(from)}`);
    expect(summary.status).toBe(200);
    expect(summary.body).toEqual({ count: 4, average: 3.75, distribution: { 1: 1, 2: 0, 3: 0, 4: 1, 5: 2 } });
    const past = await agent.client.get<RatingSummary>(`/api/v1/ratings/summary?to=${encodeURIComponent('2020-01-01T00:00:00Z')}`);
    expect(past.body).toEqual({ count: 0, average: null, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } });
    const all = await agent.client.get<RatingSummary>('/api/v1/ratings/summary');
    expect(all.body.count).toBeGreaterThanOrEqual(8);
    expect((await alice.client.get('/api/v1/ratings/summary')).status).toBe(403);
    expect((await agent.client.get('/api/v1/ratings/summary?from=yesterday')).status).toBe(400);
  });
});
