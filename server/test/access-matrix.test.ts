import { BUILT_IN_ROLE_PERMISSIONS, BUILT_IN_ROLES, type Permission } from '@keel/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from './client.js';
import { adminClient, createOrganisation, createUser } from './factories.js';
import { startTestServer, type TestServer } from './harness.js';

// Generated from the routes themselves: a new route with a permission is covered without editing this file.
let server: TestServer;
const clients = new Map<string, Client>();

beforeAll(async () => {
  server = await startTestServer();
  const admin = await adminClient(server);
  const org = await createOrganisation(admin);
  for (const role of BUILT_IN_ROLES) {
    const kind = role === 'customer' ? 'customer' : 'staff';
    const { client } = await createUser(server, admin, { kind, roles: [role], organisationId: kind === 'customer' ? org.id : undefined });
    clients.set(role, client);
  }
});
afterAll(async () => server?.close());

function concrete(url: string): string {
  return url.replace(/:id\b/g, '1');
}

const WRITE = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

describe('route × role matrix', () => {
  it('covers every API route with an explicit access rule', () => {
    const routes = server.app.routeCatalogue;
    expect(routes.length).toBeGreaterThan(20);
    for (const route of routes) {
      const declared = route.public || route.permission !== null || route.selfService || route.method === 'GET';
      expect(declared, `${route.method} ${route.url} declares no access rule`).toBe(true);
    }
  });

  it('answers 401 to every non-public route without a session', async () => {
    const anonymous = new Client(server.url);
    for (const route of server.app.routeCatalogue.filter((r) => !r.public)) {
      const reply = await anonymous.request(route.method, concrete(route.url), route.method === 'GET' ? {} : { body: {} });
      expect(reply.status, `${route.method} ${route.url}`).toBe(401);
    }
  });

  for (const role of BUILT_IN_ROLES) {
    it(`answers 403 to ${role} on every route whose permission the role lacks`, async () => {
      const client = clients.get(role);
      if (!client) throw new Error(`no client for ${role}`);
      const granted = new Set<Permission>(BUILT_IN_ROLE_PERMISSIONS[role]);
      const readOnly = role === 'auditor';
      for (const route of server.app.routeCatalogue) {
        if (route.public) continue;
        // Record routes of a type open to customers let them through; the incidents tests prove they see only their own.
        if (role === 'customer' && route.customers) continue;
        const lacksPermission = route.permission !== null && !granted.has(route.permission as Permission);
        const blockedWrite = readOnly && WRITE.has(route.method) && !route.selfService;
        if (!lacksPermission && !blockedWrite) continue;
        const reply = await client.request(route.method, concrete(route.url), route.method === 'GET' ? {} : { body: {} });
        expect(reply.status, `${role}: ${route.method} ${route.url}`).toBe(403);
      }
    });
  }
});
