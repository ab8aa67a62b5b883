import type { Group, Notification, NotificationSettings, Page, RecordItem } from '@keel/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JobWorker, startJobWorker } from '../src/platform/jobs/worker.js';
import { notifyJobHandlers } from '../src/platform/notify/mail/job.js';
import { type NotifyRecord, notify } from '../src/platform/notify/notify.js';
import { Client } from './client.js';
import { adminClient, createOrganisation, createUser, type TestUser } from './factories.js';
import { createTestDatabase, rawExec, startTestServer, type TestDatabase, type TestServer } from './harness.js';
import { startTestSmtp, type TestSmtp } from './smtp.js';

const SMTP_PASSWORD = 'Smtp-Pa$$word-Never-Logged';
let database: TestDatabase;
let server: TestServer;
/** The same database served by a process without SMTP. */
let inAppOnly: TestServer;
let smtp: TestSmtp;
let admin: Client;
let worker: JobWorker;
const logged: unknown[] = [];
let counter = 0;

beforeAll(async () => {
  smtp = await startTestSmtp();
  database = await createTestDatabase();
  server = await startTestServer(
    {
      publicUrl: 'https://keel.test',
      mail: { smtpUrl: `smtp://keel:${encodeURIComponent(SMTP_PASSWORD)}@127.0.0.1:${smtp.port}`, from: 'Keel <keel@keel.test>' },
    },
    database,
  );
  inAppOnly = await startTestServer({}, database);
  admin = await adminClient(server);
  const log = { warn: (...args: unknown[]) => void logged.push(args), error: (...args: unknown[]) => void logged.push(args) };
  worker = startJobWorker({ db: database.db, handlers: notifyJobHandlers(server.config), log }, false);
  await customersReadTasks(true);
});
afterAll(async () => {
  await server?.close();
  await inAppOnly?.close();
  await database?.db.close();
  await database?.drop();
  await smtp?.close();
});

/**
 * No customer-facing record type exists yet and the customer role holds no permissions, so
 * customers can open no task. To test row visibility, tasks stand in for a customer-facing
 * type: the customer role is given tasks.read behind the API's back (the API refuses it).
 */
async function customersReadTasks(allowed: boolean): Promise<void> {
  await rawExec(database.db, `update roles set permissions = '${allowed ? '["tasks.read"]' : '[]'}' where key = 'customer'`);
}

/** Runs every due job now instead of waiting for the poll. */
async function deliver(): Promise<void> {
  for (;;) if ((await worker.runOnce()) === 0) return;
}

async function person(options: Parameters<typeof createUser>[2] & { locale?: 'zh-CN' | 'en' } = {}): Promise<TestUser & { email: string }> {
  const created = await createUser(server, admin, options);
  const email = `p${Date.now().toString(36)}${counter++}@example.test`;
  await created.client.patch('/api/v1/me', { email, locale: options.locale ?? 'en' });
  return { ...created, email };
}

const inbox = (client: Client, query = '') => client.get<Page<Notification>>(`/api/v1/notifications${query}`);
const unread = async (client: Client) => (await client.get<{ count: number }>('/api/v1/notifications/unread-count')).body.count;
const task = async (client: Client, body: Record<string, unknown>) => (await client.post<RecordItem>('/api/v1/tasks', body)).body;
const comment = (client: Client, number: string, body: string, internal = false) =>
  client.post(`/api/v1/tasks/${number}/comments`, { body, internal });

async function mailJobsFor(userId: number): Promise<number> {
  const rows = await database.db.kysely
    .selectFrom('jobs')
    .select('id')
    .where('kind', '=', 'notify.mail')
    .where('dedupe_key', 'like', `%:${userId}`)
    .execute();
  return rows.length;
}

describe('notifications over HTTP', () => {
  it('answers 401 to anonymous callers', async () => {
    const anonymous = new Client(server.url);
    expect((await anonymous.get('/api/v1/notifications')).status).toBe(401);
    expect((await anonymous.get('/api/v1/notifications/unread-count')).status).toBe(401);
    expect((await anonymous.post('/api/v1/notifications/1/read')).status).toBe(401);
    expect((await anonymous.post('/api/v1/notifications/read-all')).status).toBe(401);
    expect((await anonymous.get('/api/v1/me/notification-preferences')).status).toBe(401);
    expect((await anonymous.put('/api/v1/me/notification-preferences', { events: {} })).status).toBe(401);
  });

  it('tells mentioned staff in the app and by mail, each in their own language', async () => {
    const zh = await person({ locale: 'zh-CN' });
    const en = await person({ locale: 'en' });
    const record = await task(admin, { title: 'UPS <b>battery</b> 更换' });
    const reply = await comment(admin, record.number, `@${zh.user.username} 请确认；cc @${en.user.username.toUpperCase()}.`);
    expect(reply.status).toBe(201);

    const [item] = (await inbox(zh.client)).body.items;
    expect(item).toMatchObject({
      event: 'mentioned',
      record: { type: 'task', path: 'tasks', number: record.number, title: 'UPS <b>battery</b> 更换' },
      params: { internal: false, excerpt: expect.stringContaining('请确认') },
      readAt: null,
    });
    expect(await unread(zh.client)).toBe(1);

    await deliver();
    const [zhMail] = smtp.to(zh.email);
    expect(zhMail?.subject).toBe(`[${record.number}] 系统管理员 提到了您：UPS <b>battery</b> 更换`);
    expect(zhMail?.text).toContain(`https://keel.test/tasks/${record.number}`);
    expect(zhMail?.html).toContain('UPS &lt;b&gt;battery&lt;/b&gt; 更换');
    expect(zhMail?.from?.value[0]?.address).toBe('keel@keel.test');
    const [enMail] = smtp.to(en.email);
    expect(enMail?.subject).toBe(`[${record.number}] 系统管理员 mentioned you: UPS <b>battery</b> 更换`);
    expect(smtp.received.at(-1)?.user).toBe('keel');
  });

  it('never tells a customer of another organisation, nor a customer about an internal note', async () => {
    const mine = await createOrganisation(admin);
    const theirs = await createOrganisation(admin);
    const requester = await person({ kind: 'customer', organisationId: mine.id });
    const stranger = await person({ kind: 'customer', organisationId: theirs.id });
    const agent = await person();
    const record = await task(admin, { title: 'Printer jam', requesterId: requester.user.id });

    // The API and the notifications agree on who can see the record.
    expect((await requester.client.get(`/api/v1/tasks/${record.number}`)).status).toBe(200);
    expect((await stranger.client.get(`/api/v1/tasks/${record.number}`)).status).toBe(404);

    await comment(agent.client, record.number, `@${requester.user.username} @${stranger.user.username} please check`);
    expect((await inbox(requester.client)).body.items.map((n) => n.event)).toEqual(['mentioned']);
    expect((await inbox(stranger.client)).body.items).toEqual([]);
    expect(await mailJobsFor(stranger.user.id)).toBe(0);

    await comment(agent.client, record.number, `@${requester.user.username} vendor contract expired`, true);
    expect((await inbox(requester.client)).body.items).toHaveLength(1);
    expect(await mailJobsFor(requester.user.id)).toBe(1);
    // Staff still hear of internal notes that mention them.
    await comment(admin, record.number, `@${agent.user.username} see above`, true);
    expect((await inbox(agent.client)).body.items[0]).toMatchObject({ event: 'mentioned', params: { internal: true } });
  });

  it('tells the requester about public comments and state changes, and an assignee about the assignment', async () => {
    const org = await createOrganisation(admin);
    const requester = await person({ kind: 'customer', organisationId: org.id, locale: 'zh-CN' });
    const agent = await person();
    const record = await task(admin, { title: 'VPN access', requesterId: requester.user.id });
    await comment(agent.client, record.number, 'Looking into it');
    await comment(agent.client, record.number, 'Internal only', true);
    await admin.patch(`/api/v1/tasks/${record.number}`, { assigneeId: agent.user.id });
    await agent.client.post(`/api/v1/tasks/${record.number}/transitions`, { action: 'start' });

    const events = (await inbox(requester.client)).body.items;
    expect(events.map((n) => n.event)).toEqual(['state_changed', 'commented']);
    expect(events[0]?.params).toEqual({ state: 'in_progress', label: { 'zh-CN': '处理中', en: 'In progress' } });
    expect((await inbox(agent.client)).body.items.map((n) => n.event)).toEqual(['assigned']);
    await deliver();
    expect(smtp.to(requester.email).map((m) => m.subject)).toEqual(
      expect.arrayContaining([`[${record.number}] 状态变为处理中：VPN access`, `[${record.number}] 新评论：VPN access`]),
    );
  });

  it('tells the members of a new group but not the assignee twice, and never the actor', async () => {
    const lead = await person();
    const member = await person();
    const group = await admin.post<Group>('/api/v1/groups', { name: `Network ${counter++}`, memberIds: [lead.user.id, member.user.id] });
    const record = await task(lead.client, { title: 'Switch port flapping' });
    await lead.client.patch(`/api/v1/tasks/${record.number}`, { groupId: group.body.id });
    expect((await inbox(lead.client)).body.items).toEqual([]);
    expect((await inbox(member.client)).body.items.map((n) => n.event)).toEqual(['group_assigned']);

    await admin.patch(`/api/v1/tasks/${record.number}`, { assigneeId: member.user.id, groupId: null });
    await admin.patch(`/api/v1/tasks/${record.number}`, { groupId: group.body.id });
    const memberEvents = (await inbox(member.client)).body.items;
    expect(memberEvents.map((n) => n.event)).toEqual(['assigned', 'group_assigned']);
    expect((await inbox(lead.client)).body.items[0]).toMatchObject({ event: 'group_assigned', params: { groupName: group.body.name } });
    // Group assignments are not mailed by default; personal ones are.
    expect(await mailJobsFor(lead.user.id)).toBe(0);

    await comment(lead.client, record.number, `note to self @${lead.user.username}`);
    expect((await inbox(lead.client)).body.items).toHaveLength(1);
  });

  it('tells no one who may not open the type, such as customers while no customer-facing type exists', async () => {
    const org = await createOrganisation(admin);
    const requester = await person({ kind: 'customer', organisationId: org.id });
    const record = await task(admin, { title: 'Staff only', requesterId: requester.user.id });
    await customersReadTasks(false);
    try {
      await comment(admin, record.number, `@${requester.user.username} done`);
      await admin.patch(`/api/v1/tasks/${record.number}`, { assigneeId: (await person()).user.id });
      await admin.post(`/api/v1/tasks/${record.number}/transitions`, { action: 'start' });
    } finally {
      await customersReadTasks(true);
    }
    expect((await inbox(requester.client)).body.items).toEqual([]);
    expect(await mailJobsFor(requester.user.id)).toBe(0);
  });

  it('skips disabled users', async () => {
    const gone = await person();
    await admin.patch(`/api/v1/users/${gone.user.id}`, { active: false });
    const record = await task(admin, { title: 'Offboarding' });
    await comment(admin, record.number, `@${gone.user.username} handover?`);
    const rows = await database.db.kysely.selectFrom('notifications').select('id').where('user_id', '=', gone.user.id).execute();
    expect(rows).toEqual([]);
    expect(await mailJobsFor(gone.user.id)).toBe(0);
  });

  it('follows each user’s preferences per channel, and audits their change', async () => {
    const quiet = await person();
    const defaults = await quiet.client.get<NotificationSettings>('/api/v1/me/notification-preferences');
    expect(defaults.body).toMatchObject({ mailAvailable: true, events: { mentioned: { inApp: true, email: true } } });
    expect(defaults.body.events.group_assigned).toEqual({ inApp: true, email: false });
    expect((await quiet.client.put('/api/v1/me/notification-preferences', { events: { mentioned: { inApp: true } } })).status).toBe(400);

    const events = { ...defaults.body.events, mentioned: { inApp: true, email: false }, assigned: { inApp: false, email: true } };
    const saved = await quiet.client.put<NotificationSettings>('/api/v1/me/notification-preferences', { events });
    expect(saved.status).toBe(200);
    expect(saved.body.events.mentioned).toEqual({ inApp: true, email: false });

    const record = await task(admin, { title: 'Quiet please' });
    await comment(admin, record.number, `@${quiet.user.username}`);
    await admin.patch(`/api/v1/tasks/${record.number}`, { assigneeId: quiet.user.id });
    expect((await inbox(quiet.client)).body.items.map((n) => n.event)).toEqual(['mentioned']);
    await deliver();
    expect(smtp.to(quiet.email).map((m) => m.subject)).toEqual([`[${record.number}] Assigned to you: Quiet please`]);

    const audit = await admin.get<Page<{ action: string; changes: Record<string, unknown> }>>(
      `/api/v1/audit/events?action=user.notification_preferences_updated&objectId=${quiet.user.id}`,
    );
    expect(audit.body.items[0]?.changes).toEqual({ 'mentioned.email': [true, false], 'assigned.inApp': [true, false] });
  });

  it('notifies in the app only when the server has no SMTP', async () => {
    const agent = await person();
    const local = await adminClient(inAppOnly);
    const record = await task(local, { title: 'No mail here' });
    await comment(local, record.number, `@${agent.user.username}`);
    expect((await inbox(agent.client)).body.items).toHaveLength(1);
    expect(await mailJobsFor(agent.user.id)).toBe(0);
    const settings = new Client(inAppOnly.url);
    await settings.login(agent.user.username, agent.password);
    expect((await settings.get<NotificationSettings>('/api/v1/me/notification-preferences')).body.mailAvailable).toBe(false);
  });
});

describe('notification mail delivery', () => {
  it('retries after a transient SMTP failure and sends exactly one mail, never logging the SMTP password', async () => {
    const agent = await person();
    const record = await task(admin, { title: 'Flaky relay' });
    await deliver();
    smtp.failNext(1);
    await comment(admin, record.number, `@${agent.user.username}`);
    await deliver();
    const [job] = await database.db.kysely.selectFrom('jobs').selectAll().where('dedupe_key', 'like', `mail:%:${agent.user.id}`).execute();
    expect(job).toMatchObject({ status: 'pending', attempts: 1 });
    expect(job?.last_error).toContain('451');
    expect(smtp.to(agent.email)).toHaveLength(0);

    await rawExec(database.db, `update jobs set run_at = 0 where id = ${job?.id}`);
    await deliver();
    await rawExec(database.db, `update jobs set run_at = 0 where id = ${job?.id}`);
    await deliver();
    expect(smtp.to(agent.email)).toHaveLength(1);
    const jobs = await database.db.kysely.selectFrom('jobs').select(['status', 'last_error']).execute();
    expect(JSON.stringify([logged, jobs])).not.toContain(SMTP_PASSWORD);
    expect(JSON.stringify([logged, jobs])).not.toContain(encodeURIComponent(SMTP_PASSWORD));
  });

  it('notifies once however often the same event runs', async () => {
    const agent = await person();
    const created = await task(admin, { title: 'Run twice' });
    const ctx = { actorId: null, actorName: 'system', ip: null, requestId: null, dialect: database.db.dialect, mail: true };
    const record: NotifyRecord = {
      id: created.id,
      type: 'task',
      path: 'tasks',
      number: created.number,
      title: created.title,
      readPermission: 'tasks.read',
      openToCustomers: false,
    };
    for (let i = 0; i < 2; i++) {
      await database.db.kysely
        .transaction()
        .execute((trx) =>
          notify(trx, ctx, { event: 'assigned', recipients: [agent.user.id, agent.user.id], record, source: 'v9', params: {} }),
        );
    }
    expect((await inbox(agent.client)).body.items).toHaveLength(1);
    expect(await mailJobsFor(agent.user.id)).toBe(1);
  });

  it('fails the job at once when the server rejects the recipient permanently', async () => {
    const agent = await person();
    smtp.rejected.add(agent.email);
    const record = await task(admin, { title: 'Bounce' });
    await comment(admin, record.number, `@${agent.user.username}`);
    await deliver();
    const [job] = await database.db.kysely.selectFrom('jobs').selectAll().where('dedupe_key', 'like', `mail:%:${agent.user.id}`).execute();
    expect(job).toMatchObject({ status: 'failed', attempts: 1 });
    expect(job?.last_error).toContain('550');
  });
});

describe('the bell', () => {
  it('shows each user only their own notifications; another user’s is not found', async () => {
    const alice = await person();
    const bob = await person();
    const record = await task(admin, { title: 'Shared desk' });
    await comment(admin, record.number, `@${alice.user.username} one`);
    await comment(admin, record.number, `@${alice.user.username} two`);
    await comment(admin, record.number, `@${bob.user.username} three`);
    const mine = (await inbox(alice.client)).body.items;
    expect(mine).toHaveLength(2);
    const theirs = (await inbox(bob.client)).body.items;
    expect(theirs).toHaveLength(1);
    const target = mine[0]?.id ?? 0;
    expect((await bob.client.post(`/api/v1/notifications/${target}/read`)).status).toBe(404);
    expect(await unread(alice.client)).toBe(2);
    expect((await bob.client.post('/api/v1/notifications/read-all')).body).toEqual({ marked: 1 });
    expect(await unread(alice.client)).toBe(2);
  });

  it('pages newest first, counts unread, marks one and then all read', async () => {
    const reader = await person();
    const record = await task(admin, { title: 'Busy record' });
    for (let i = 0; i < 5; i++) await comment(admin, record.number, `@${reader.user.username} #${i}`);
    const first = await inbox(reader.client, '?limit=2');
    const second = await inbox(reader.client, `?limit=2&cursor=${first.body.nextCursor}`);
    const ids = [...first.body.items, ...second.body.items].map((n) => n.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(first.body.items[0]?.params).toMatchObject({ excerpt: expect.stringContaining('#4') });
    expect(await unread(reader.client)).toBe(5);

    const oldest = ids.at(-1) ?? 0;
    const marked = await reader.client.post<Notification>(`/api/v1/notifications/${oldest}/read`);
    expect(marked.body.readAt).not.toBeNull();
    expect(await unread(reader.client)).toBe(4);
    expect((await inbox(reader.client, '?unread=true')).body.items.map((n) => n.id)).not.toContain(oldest);

    const upTo = ids[1] ?? 0;
    expect((await reader.client.post('/api/v1/notifications/read-all', { upToId: upTo })).body).toEqual({ marked: 3 });
    expect(await unread(reader.client)).toBe(1);
    expect((await reader.client.post('/api/v1/notifications/read-all')).body).toEqual({ marked: 1 });
    expect(await unread(reader.client)).toBe(0);
    expect((await reader.client.post('/api/v1/notifications/read-all', { upToId: 'x' })).status).toBe(400);
  });
});
