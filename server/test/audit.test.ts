import type { AuditEvent, Group, Page, User } from '@keel/shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from './client.js';
import { adminClient, createUser } from './factories.js';
import { rawExec, startTestServer, type TestServer } from './harness.js';

let server: TestServer;
let admin: Client;

beforeAll(async () => {
  server = await startTestServer();
  admin = await adminClient(server);
});
afterAll(async () => server?.close());

describe('audit trail', () => {
  it('records who changed what, from where, with the request id, before and after', async () => {
    const created = await admin.post<Group>('/api/v1/groups', { name: 'Audited team' }, { 'x-request-id': 'req-audit-1' });
    await admin.patch(
      `/api/v1/groups/${created.body.id}`,
      { name: 'Audited team 2', description: '说明' },
      { 'x-request-id': 'req-audit-2' },
    );
    const events = await admin.get<Page<AuditEvent>>(`/api/v1/audit/events?objectType=group&objectId=${created.body.id}`);
    expect(events.body.items.map((e) => e.action)).toEqual(['group.updated', 'group.created']);
    const [updated, first] = events.body.items;
    expect(first?.requestId).toBe('req-audit-1');
    expect(updated).toMatchObject({
      actorName: 'admin',
      requestId: 'req-audit-2',
      changes: { name: ['Audited team', 'Audited team 2'], description: ['', '说明'] },
    });
    expect(updated?.ip).toMatch(/127\.0\.0\.1/);
  });

  it('rolls the audit event back with a failed write (same transaction)', async () => {
    const before = await admin.get<Page<AuditEvent>>('/api/v1/audit/events?limit=1');
    const failed = await admin.post('/api/v1/groups', { name: 'Lead must exist', leadId: 987654 });
    expect(failed.status).toBe(400);
    const after = await admin.get<Page<AuditEvent>>('/api/v1/audit/events?limit=1');
    expect(after.body.items[0]?.id).toBe(before.body.items[0]?.id);
  });

  it('records sign-in failures and lockouts', async () => {
    await admin.post('/api/v1/auth/login', { username: 'admin', password: 'Wrong-Password-1' });
    const events = await admin.get<Page<AuditEvent>>('/api/v1/audit/events?action=auth.login_failed&limit=5');
    expect(events.body.items[0]?.objectLabel).toBe('admin');
    expect(JSON.stringify(events.body)).not.toContain('Wrong-Password-1');
  });

  it('filters by actor and time range', async () => {
    const { user, client } = await createUser(server, admin, { roles: ['service_manager'] });
    const from = new Date(Date.now() - 1000).toISOString();
    await client.post('/api/v1/groups', { name: `By ${user.username}` });
    const mine = await admin.get<Page<AuditEvent>>(`/api/v1/audit/events?actorId=${user.id}&from=${encodeURIComponent(from)}`);
    expect(mine.body.items.map((e) => e.action)).toContain('group.created');
    expect(mine.body.items.every((e) => e.actorId === user.id)).toBe(true);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const none = await admin.get<Page<AuditEvent>>(`/api/v1/audit/events?from=${encodeURIComponent(future)}`);
    expect(none.body.items).toEqual([]);
  });

  it('lets the auditor read and export everything but change nothing', async () => {
    const { client: auditor, user } = await createUser(server, admin, { roles: ['auditor'] });
    expect((await auditor.get('/api/v1/audit/events')).status).toBe(200);
    expect((await auditor.get('/api/v1/users')).status).toBe(200);
    expect((await auditor.get('/api/v1/roles')).status).toBe(200);
    expect((await auditor.post('/api/v1/groups', { name: 'Auditor was here' })).status).toBe(403);
    expect((await auditor.patch(`/api/v1/users/${user.id}`, { displayName: 'Self-promoted' })).status).toBe(403);
    expect((await auditor.post<{ ok: boolean }>('/api/v1/audit/verify')).body.ok).toBe(true);
    expect((await auditor.get('/api/v1/audit/export?format=csv')).status).toBe(200);
  });

  it('exports filtered events as CSV that keeps Chinese and defuses formulas', async () => {
    await admin.post('/api/v1/groups', { name: '=HYPERLINK("http://evil")' });
    await admin.post('/api/v1/groups', { name: '数据库组' });
    const csv = await admin.get('/api/v1/audit/export?format=csv&action=group.created');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="keel-audit-.*\.csv"/);
    expect(csv.text).toContain('数据库组');
    expect(csv.text).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv.text).not.toContain('user.created');
  });

  it('exports as an Excel workbook', async () => {
    const response = await fetch(`${server.url}/api/v1/audit/export?format=xlsx&objectType=group`, {
      headers: { cookie: admin.cookie ?? '' },
    });
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.getWorksheet('audit');
    expect(sheet?.getRow(1).getCell(4).value).toBe('action');
    const actions = new Set<string>();
    sheet?.eachRow((row, n) => {
      if (n > 1) actions.add(String(row.getCell(4).value));
    });
    expect(actions.has('group.created')).toBe(true);
    expect([...actions].every((a) => a.startsWith('group.'))).toBe(true);
  });

  it('detects an edited event and names it', async () => {
    const tampered = await startTestServer();
    try {
      const client = await adminClient(tampered);
      await client.post('/api/v1/groups', { name: 'One' });
      await client.post('/api/v1/groups', { name: 'Two' });
      const events = await client.get<Page<AuditEvent>>('/api/v1/audit/events?action=group.created');
      const target = events.body.items[1];
      expect((await client.post<{ ok: boolean }>('/api/v1/audit/verify')).body.ok).toBe(true);
      await rawExec(tampered.db, `update audit_events set object_label = 'Forged' where id = ${target?.id}`);
      const result = await client.post<{ ok: boolean; firstBadId: number; reason: string }>('/api/v1/audit/verify');
      expect(result.body.ok).toBe(false);
      expect(result.body.firstBadId).toBe(target?.id);
    } finally {
      await tampered.close();
    }
  });

  it('detects a deleted event', async () => {
    const tampered = await startTestServer();
    try {
      const client = await adminClient(tampered);
      await client.post('/api/v1/groups', { name: 'Alpha' });
      await client.post('/api/v1/groups', { name: 'Beta' });
      const events = await client.get<Page<AuditEvent>>('/api/v1/audit/events?action=group.created');
      const removed = events.body.items[1]?.id ?? 0;
      await rawExec(tampered.db, `delete from audit_events where id = ${removed}`);
      const result = await client.post<{ ok: boolean; firstBadId: number }>('/api/v1/audit/verify');
      expect(result.body.ok).toBe(false);
      expect(result.body.firstBadId).toBe(removed);
    } finally {
      await tampered.close();
    }
  });

  it('shows every user-visible name as data, never as markup', async () => {
    const xss = '<img src=x onerror=alert(1)>';
    const created = await admin.post<User>('/api/v1/users', {
      username: 'xss.user',
      displayName: xss,
      kind: 'staff',
      password: 'Strong-Passw0rd',
    });
    expect(created.status).toBe(201);
    const reply = await admin.get<User>(`/api/v1/users/${created.body.id}`);
    expect(reply.headers.get('content-type')).toContain('application/json');
    expect(reply.body.displayName).toBe(xss);
  });
});
