import type { Organisation, RecordItem, User } from '@keel/shared';
import { Client } from './client.js';
import { ADMIN_PASSWORD, type TestServer } from './harness.js';

let counter = 0;
const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;
export const USER_PASSWORD = 'Correct-Horse-42';

export async function adminClient(server: TestServer): Promise<Client> {
  const client = new Client(server.url);
  const reply = await client.login('admin', ADMIN_PASSWORD);
  if (reply.status !== 200) throw new Error(`admin sign-in failed: ${reply.status} ${reply.text}`);
  return client;
}

export async function createOrganisation(admin: Client, name = unique('Org ')): Promise<Organisation> {
  const reply = await admin.post<Organisation>('/api/v1/organisations', { name, code: unique('ORG') });
  if (reply.status !== 201) throw new Error(`organisation: ${reply.status} ${reply.text}`);
  return reply.body;
}

export type TestUser = { user: User; client: Client; password: string };

/** Creates a user through the API and signs them in (their must-change flag does not block the API). */
export async function createUser(
  server: TestServer,
  admin: Client,
  input: {
    kind?: 'staff' | 'customer';
    roles?: string[];
    organisationId?: number;
    seesOrganisationRecords?: boolean;
    username?: string;
  } = {},
): Promise<TestUser> {
  const kind = input.kind ?? 'staff';
  const reply = await admin.post<User>('/api/v1/users', {
    username: input.username ?? unique('u'),
    displayName: unique('Person '),
    kind,
    roles: input.roles ?? (kind === 'customer' ? ['customer'] : ['agent']),
    organisationId: input.organisationId ?? null,
    seesOrganisationRecords: input.seesOrganisationRecords ?? false,
    password: USER_PASSWORD,
  });
  if (reply.status !== 201) throw new Error(`user: ${reply.status} ${reply.text}`);
  const client = new Client(server.url);
  const login = await client.login(reply.body.username, USER_PASSWORD);
  if (login.status !== 200) throw new Error(`user sign-in: ${login.status} ${login.text}`);
  return { user: reply.body, client, password: USER_PASSWORD };
}

/** Creates a record through the API (as the client) and fails the test setup on anything but 201. */
export async function createRecord(client: Client, path: string, body: Record<string, unknown>): Promise<RecordItem> {
  const reply = await client.post<RecordItem>(`/api/v1/${path}`, body);
  if (reply.status !== 201) throw new Error(`${path}: ${reply.status} ${reply.text}`);
  return reply.body;
}
