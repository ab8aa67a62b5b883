import type { Group, Organisation, Page, Role, User } from '@keel/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, problemOf } from './client.js';
import { adminClient, createOrganisation, createUser } from './factories.js';
import { startTestServer, type TestServer } from './harness.js';

let server: TestServer;
let admin: Client;

beforeAll(async () => {
  server = await startTestServer();
  admin = await adminClient(server);
});
afterAll(async () => server?.close());

describe('users', () => {
  it('creates a user who must change the password chosen for them', async () => {
    const { user, client } = await createUser(server, admin, { roles: ['agent'] });
    expect(user.roles).toEqual(['agent']);
    const me = await client.get<{ mustChangePassword: boolean }>('/api/v1/me');
    expect(me.body.mustChangePassword).toBe(true);
  });

  it('refuses a weak password, a duplicate username and an unknown role', async () => {
    const base = { displayName: 'Dup', kind: 'staff', password: 'Strong-Passw0rd' };
    expect(problemOf(await admin.post('/api/v1/users', { ...base, username: 'weakling', password: 'password' })).code).toBe(
      'password_rejected',
    );
    expect((await admin.post('/api/v1/users', { ...base, username: 'dup.user' })).status).toBe(201);
    const dup = await admin.post('/api/v1/users', { ...base, username: 'DUP.user' });
    expect(dup.status).toBe(409);
    expect(problemOf(dup).code).toBe('duplicate');
    const role = await admin.post('/api/v1/users', { ...base, username: 'role.user', roles: ['wizard'] });
    expect(role.status).toBe(400);
    expect(problemOf(role).errors?.[0]?.path).toBe('roles');
  });

  it('requires an organisation for a customer and keeps customers to the customer role', async () => {
    const base = { displayName: 'C', kind: 'customer', password: 'Strong-Passw0rd' };
    expect((await admin.post('/api/v1/users', { ...base, username: 'cust.noorg' })).status).toBe(400);
    const org = await createOrganisation(admin);
    const escalate = await admin.post('/api/v1/users', {
      ...base,
      username: 'cust.admin',
      organisationId: org.id,
      roles: ['administrator'],
    });
    expect(escalate.status).toBe(400);
  });

  it('detects a stale update with 412 and applies a fresh one', async () => {
    const { user } = await createUser(server, admin);
    const first = await admin.get<User>(`/api/v1/users/${user.id}`);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toBe(`"v${first.body.version}"`);
    const ok = await admin.patch<User>(`/api/v1/users/${user.id}`, { displayName: 'Renamed once' }, { 'if-match': etag });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('etag')).toBe(`"v${first.body.version + 1}"`);
    const stale = await admin.patch(`/api/v1/users/${user.id}`, { displayName: 'Lost update' }, { 'if-match': etag });
    expect(stale.status).toBe(412);
    expect(problemOf(stale).code).toBe('precondition_failed');
    const current = await admin.get<User>(`/api/v1/users/${user.id}`);
    expect(current.body.displayName).toBe('Renamed once');
    expect((await admin.patch(`/api/v1/users/${user.id}`, { displayName: 'x' }, { 'if-match': 'garbage' })).status).toBe(412);
  });

  it('resets a password: the user is signed out and must change it', async () => {
    const { user, client } = await createUser(server, admin);
    expect((await admin.patch(`/api/v1/users/${user.id}`, { password: 'Reset-Passw0rd-9' })).status).toBe(200);
    expect((await client.get('/api/v1/me')).status).toBe(401);
    const audit = await admin.get<{ items: { changes: Record<string, unknown> }[] }>(
      `/api/v1/audit/events?objectType=user&objectId=${user.id}&action=user.updated`,
    );
    expect(JSON.stringify(audit.body.items[0]?.changes)).toContain('***');
    expect(JSON.stringify(audit.body)).not.toContain('Reset-Passw0rd-9');
  });

  it('will not let an administrator lock themselves out', async () => {
    const me = await admin.get<{ id: number }>('/api/v1/me');
    const reply = await admin.patch(`/api/v1/users/${me.body.id}`, { roles: ['agent'] });
    expect(reply.status).toBe(409);
    expect((await admin.patch(`/api/v1/users/${me.body.id}`, { active: false })).status).toBe(409);
  });

  it('pages through users with a cursor, in order, without repeats', async () => {
    const org = await createOrganisation(admin);
    for (let i = 0; i < 5; i++) await createUser(server, admin, { kind: 'customer', organisationId: org.id });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/api/v1/users?organisationId=${org.id}&limit=2&sort=-username${cursor ? `&cursor=${cursor}` : ''}`;
      const page: { body: Page<User> } = await admin.get<Page<User>>(query);
      seen.push(...page.body.items.map((u) => u.username));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect([...seen].sort().reverse()).toEqual(seen);
  });

  it('filters users by kind, role, group and text', async () => {
    const { user } = await createUser(server, admin, { roles: ['problem_manager'] });
    const byRole = await admin.get<Page<User>>('/api/v1/users?role=problem_manager');
    expect(byRole.body.items.map((u) => u.id)).toContain(user.id);
    const group = await admin.post<Group>('/api/v1/groups', { name: 'Filter group', memberIds: [user.id] });
    const byGroup = await admin.get<Page<User>>(`/api/v1/users?groupId=${group.body.id}`);
    expect(byGroup.body.items.map((u) => u.id)).toEqual([user.id]);
    const byText = await admin.get<Page<User>>(`/api/v1/users?q=${encodeURIComponent(user.displayName.toUpperCase())}`);
    expect(byText.body.items.map((u) => u.id)).toEqual([user.id]);
  });
});

describe('idempotent creates', () => {
  it('returns the first answer for a repeated Idempotency-Key and refuses it for a different body', async () => {
    const headers = { 'idempotency-key': 'create-group-42' };
    const first = await admin.post<Group>('/api/v1/groups', { name: 'Idempotent group' }, headers);
    const again = await admin.post<Group>('/api/v1/groups', { name: 'Idempotent group' }, headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const different = await admin.post('/api/v1/groups', { name: 'Another group' }, headers);
    expect(different.status).toBe(422);
    expect(problemOf(different).code).toBe('idempotency_key_reused');
    const list = await admin.get<Page<Group>>(`/api/v1/groups?q=${encodeURIComponent('Idempotent group')}`);
    expect(list.body.items).toHaveLength(1);
  });

  it('creates once when the same key races', async () => {
    const headers = { 'idempotency-key': 'race-org-1' };
    const body = { name: 'Race Org', code: 'RACE1' };
    const replies = await Promise.all([1, 2, 3, 4].map(() => admin.post<Organisation>('/api/v1/organisations', body, headers)));
    expect(replies.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
  });
});

describe('organisations and customer visibility', () => {
  it('shows a customer their own organisation and colleagues only when allowed, and nothing of another', async () => {
    const mine = await createOrganisation(admin, '杭州客户 A');
    const theirs = await createOrganisation(admin, '上海客户 B');
    const { client: seesAll } = await createUser(server, admin, {
      kind: 'customer',
      organisationId: mine.id,
      seesOrganisationRecords: true,
    });
    const { client: ownOnly } = await createUser(server, admin, { kind: 'customer', organisationId: mine.id });
    const { user: stranger } = await createUser(server, admin, { kind: 'customer', organisationId: theirs.id });

    expect((await seesAll.get(`/api/v1/organisations/${mine.id}`)).status).toBe(200);
    const colleagues = await seesAll.get<Page<User>>(`/api/v1/organisations/${mine.id}/users`);
    expect(colleagues.status).toBe(200);
    expect(colleagues.body.items).toHaveLength(2);
    expect(colleagues.body.items.every((u) => u.organisationId === mine.id)).toBe(true);

    expect((await ownOnly.get(`/api/v1/organisations/${mine.id}/users`)).status).toBe(404);
    expect((await seesAll.get(`/api/v1/organisations/${theirs.id}`)).status).toBe(404);
    expect((await seesAll.get(`/api/v1/organisations/${theirs.id}/users`)).status).toBe(404);
    expect((await seesAll.get(`/api/v1/users/${stranger.id}`)).status).toBe(403);
    expect((await seesAll.get('/api/v1/users')).status).toBe(403);
    expect((await seesAll.get(`/api/v1/users?organisationId=${theirs.id}`)).status).toBe(403);
    expect((await seesAll.get('/api/v1/organisations')).status).toBe(403);
    expect((await seesAll.get('/api/v1/audit/events')).status).toBe(403);
  });

  it('refuses a parent cycle and deleting an organisation that still has people', async () => {
    const parent = await createOrganisation(admin);
    const child = await admin.post<Organisation>('/api/v1/organisations', { name: 'Child', code: `CH${Date.now()}`, parentId: parent.id });
    expect(child.status).toBe(201);
    expect((await admin.patch(`/api/v1/organisations/${parent.id}`, { parentId: child.body.id })).status).toBe(400);
    expect((await admin.patch(`/api/v1/organisations/${parent.id}`, { parentId: parent.id })).status).toBe(400);
    await createUser(server, admin, { kind: 'customer', organisationId: child.body.id });
    expect((await admin.delete(`/api/v1/organisations/${child.body.id}`)).status).toBe(409);
    const empty = await createOrganisation(admin);
    expect((await admin.delete(`/api/v1/organisations/${empty.id}`)).status).toBe(204);
    expect((await admin.get(`/api/v1/organisations/${empty.id}`)).status).toBe(404);
  });
});

describe('groups', () => {
  it('creates a team with a lead and members, who must be staff', async () => {
    const { user: lead } = await createUser(server, admin);
    const { user: member } = await createUser(server, admin);
    const created = await admin.post<Group>('/api/v1/groups', {
      name: 'Network 网络组',
      leadId: lead.id,
      memberIds: [lead.id, member.id, member.id],
    });
    expect(created.status).toBe(201);
    expect(created.body.leadName).toBe(lead.displayName);
    expect(created.body.memberIds).toEqual([lead.id, member.id].sort((a, b) => a - b));
    const org = await createOrganisation(admin);
    const { user: customer } = await createUser(server, admin, { kind: 'customer', organisationId: org.id });
    expect((await admin.patch(`/api/v1/groups/${created.body.id}`, { memberIds: [customer.id] })).status).toBe(400);
    expect((await admin.post('/api/v1/groups', { name: 'network 网络组' })).status).toBe(409);
  });
});

describe('roles', () => {
  it('lists the built-in roles and lets an administrator add a custom one', async () => {
    const roles = await admin.get<{ items: Role[] }>('/api/v1/roles');
    const keys = roles.body.items.map((r) => r.key);
    for (const key of [
      'administrator',
      'service_manager',
      'agent',
      'change_manager',
      'cab_member',
      'problem_manager',
      'security_officer',
      'auditor',
      'customer',
    ]) {
      expect(keys).toContain(key);
    }
    const created = await admin.post<Role>('/api/v1/roles', {
      key: 'night_shift',
      name: '夜班',
      permissions: ['users.read', 'groups.read'],
    });
    expect(created.status).toBe(201);
    const { user, client } = await createUser(server, admin, { roles: ['night_shift'] });
    expect((await client.get('/api/v1/groups')).status).toBe(200);
    expect((await client.get('/api/v1/organisations')).status).toBe(403);
    expect((await admin.delete(`/api/v1/roles/${created.body.id}`)).status).toBe(409);
    await admin.patch(`/api/v1/users/${user.id}`, { roles: ['agent'] });
    expect((await admin.delete(`/api/v1/roles/${created.body.id}`)).status).toBe(204);
  });

  it('protects the administrator role, built-in roles and the auditor from write permissions', async () => {
    const roles = await admin.get<{ items: Role[] }>('/api/v1/roles');
    const byKey = new Map(roles.body.items.map((r) => [r.key, r]));
    expect((await admin.patch(`/api/v1/roles/${byKey.get('administrator')?.id}`, { permissions: [] })).status).toBe(409);
    expect((await admin.delete(`/api/v1/roles/${byKey.get('agent')?.id}`)).status).toBe(409);
    expect((await admin.patch(`/api/v1/roles/${byKey.get('auditor')?.id}`, { permissions: ['users.manage'] })).status).toBe(400);
    expect((await admin.post('/api/v1/roles', { key: 'bad', name: 'x', permissions: ['root.everything'] })).status).toBe(400);
  });
});
