import type { KnownErrorSuggestion } from '@keel/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerKnownErrorProvider } from '../src/modules/incidents/known-errors.js';
import { type Client, problemOf } from './client.js';
import { adminClient, createOrganisation, createUser, type TestUser } from './factories.js';
import { startTestServer, type TestServer } from './harness.js';

let server: TestServer;
let admin: Client;
let agent: TestUser;
let customer: TestUser;
const suggest = (who: Client, q: string) =>
  who.get<{ items: KnownErrorSuggestion[] }>(`/api/v1/known-errors/suggest?q=${encodeURIComponent(q)}`);

beforeAll(async () => {
  server = await startTestServer();
  admin = await adminClient(server);
  agent = await createUser(server, admin, { roles: ['agent'] });
  customer = await createUser(server, admin, { kind: 'customer', organisationId: (await createOrganisation(admin)).id });
});
afterAll(async () => server?.close());

describe('known-error suggestions', () => {
  it('are for staff, and need a query of 3 to 200 characters', async () => {
    expect((await suggest(customer.client, 'vpn down')).status).toBe(403);
    const short = await suggest(agent.client, 'vp');
    expect(short.status).toBe(400);
    expect(problemOf(short).errors?.map((e) => e.path)).toEqual(['q']);
    expect((await agent.client.get('/api/v1/known-errors/suggest')).status).toBe(400);
    expect((await suggest(agent.client, 'x'.repeat(201))).status).toBe(400);
  });

  it('are empty until a provider is registered, then carry its matches, each once, at most ten', async () => {
    expect((await suggest(agent.client, 'vpn down')).body.items).toEqual([]);
    const seen: { q: string; actorId: number }[] = [];
    const known = [
      { number: 'PRB-000001', title: 'VPN drops after 60 minutes 超时断开', workaround: 'Reconnect' },
      { number: 'PRB-000002', title: 'Printer queue stalls', workaround: null },
    ];
    const removeA = registerKnownErrorProvider({
      key: 'test-a',
      suggest: async (_db, { q, actor, limit }) => {
        seen.push({ q, actorId: actor.userId });
        return known.filter((k) => k.title.toLowerCase().includes(q.toLowerCase())).slice(0, limit);
      },
    });
    const removeB = registerKnownErrorProvider({
      key: 'test-b',
      suggest: async (_db, { limit }) =>
        [known[0], ...Array.from({ length: 20 }, (_, i) => ({ number: `PRB-1000${i}`, title: `Other ${i}`, workaround: null }))]
          .filter((k) => k !== undefined)
          .slice(0, limit),
    });
    try {
      const found = await suggest(agent.client, 'VPN');
      expect(found.status).toBe(200);
      expect(found.body.items[0]).toEqual(known[0]);
      expect(found.body.items.filter((s) => s.number === 'PRB-000001')).toHaveLength(1);
      expect(found.body.items).toHaveLength(10);
      expect(seen).toEqual([{ q: 'VPN', actorId: agent.user.id }]);
    } finally {
      removeA();
      removeB();
    }
    expect((await suggest(agent.client, 'vpn down')).body.items).toEqual([]);
  });
});
