import type { Notification, Page, RecordItem } from '@keel/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD_TYPES } from '../src/modules/record-types.js';
import { type JobWorker, startJobWorker } from '../src/platform/jobs/worker.js';
import { notifyJobHandlers } from '../src/platform/notify/mail/job.js';
import { sweepSla } from '../src/platform/sla/sweep.js';
import type { Client } from './client.js';
import { adminClient, createOrganisation, createUser, type TestUser } from './factories.js';
import { createTestDatabase, startTestServer, type TestDatabase, type TestServer } from './harness.js';
import { startTestSmtp, type TestSmtp } from './smtp.js';

// P-6.1 提前告警: when an incident will miss an agreed time, its customer hears of it, in their language, once.
let database: TestDatabase;
let server: TestServer;
let smtp: TestSmtp;
let admin: Client;
let worker: JobWorker;
let agent: TestUser;
let counter = 0;
const MIN = 60_000;

beforeAll(async () => {
  smtp = await startTestSmtp();
  database = await createTestDatabase();
  server = await startTestServer(
    { publicUrl: 'https://keel.test', mail: { smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from: 'Keel <keel@keel.test>' } },
    database,
  );
  admin = await adminClient(server);
  agent = await createUser(server, admin, { roles: ['agent'] });
  const log = { warn: () => undefined, error: () => undefined };
  worker = startJobWorker({ db: database.db, handlers: notifyJobHandlers(server.config), log }, false);
  const policy = await admin.post('/api/v1/sla-policies', {
    name: 'Outages',
    recordType: 'incident',
    conditions: { categories: ['outage'] },
    warnAt: [50, 80],
    targets: [
      {
        key: 'resolution',
        label: { en: 'Resolution', 'zh-CN': '解决' },
        stopOn: ['resolved', 'closed'],
        minutesByPriority: { '5': 60 },
      },
    ],
  });
  expect(policy.status).toBe(201);
});
afterAll(async () => {
  await server?.close();
  await database?.db.close();
  await database?.drop();
  await smtp?.close();
});

async function deliver(): Promise<void> {
  for (;;) if ((await worker.runOnce()) === 0) return;
}

async function customer(locale: 'zh-CN' | 'en') {
  const created = await createUser(server, admin, { kind: 'customer', organisationId: (await createOrganisation(admin)).id });
  const email = `c${Date.now().toString(36)}${counter++}@example.test`;
  expect((await created.client.patch('/api/v1/me', { email, locale })).status).toBe(200);
  return { ...created, email };
}

const raise = async (who: Client, title: string) =>
  (await who.post<RecordItem>('/api/v1/incidents', { title, category: 'outage', impact: 3, urgency: 3 })).body;
const sweepAt = (at: number) => sweepSla(database.db, { types: RECORD_TYPES, mail: true, now: at });
const atRisk = async (who: Client, number: string) =>
  (await who.get<Page<Notification>>('/api/v1/notifications?limit=100')).body.items.filter(
    (n) => n.record.number === number && n.event === 'sla_at_risk_customer',
  );

describe('the customer’s warning before a breach', () => {
  it('reaches the requester once, in zh-CN when that is their language, with nothing internal', async () => {
    const zh = await customer('zh-CN');
    const incident = await raise(zh.client, '门禁系统离线');
    await agent.client.patch(`/api/v1/incidents/${incident.number}`, { assigneeId: agent.user.id });
    const opened = Date.parse(incident.openedAt);
    await sweepAt(opened + 31 * MIN);
    await sweepAt(opened + 49 * MIN);
    await Promise.all([sweepAt(opened + 61 * MIN), sweepAt(opened + 61 * MIN)]);

    const told = await atRisk(zh.client, incident.number);
    expect(told).toHaveLength(1);
    expect(told[0]?.params).toEqual({ label: { 'zh-CN': '新建', en: 'New' } });
    // Staff still get their own warnings; the customer never sees those.
    const agentEvents = (await agent.client.get<Page<Notification>>('/api/v1/notifications?limit=100')).body.items
      .filter((n) => n.record.number === incident.number)
      .map((n) => n.event);
    expect(agentEvents).toContain('sla_warning');
    const customerEvents = (await zh.client.get<Page<Notification>>('/api/v1/notifications?limit=100')).body.items.map((n) => n.event);
    expect(customerEvents).not.toContain('sla_warning');
    expect(customerEvents).not.toContain('sla_breached');

    await deliver();
    const mails = smtp.to(zh.email).filter((m) => m.subject?.includes('约定时间'));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe(`[${incident.number}] 预计无法在约定时间内解决：门禁系统离线`);
    expect(mails[0]?.text).toContain('当前状态：新建');
    expect(mails[0]?.text).not.toContain('%');
    const audit = await admin.get<{ items: unknown[] }>(`/api/v1/audit/events?action=sla.customer_warned&objectId=${incident.id}`);
    expect(audit.body.items).toHaveLength(1);
  });

  it('speaks English to an English customer, and says nothing to a staff requester', async () => {
    const en = await customer('en');
    const theirs = await raise(en.client, 'Badge reader offline');
    const ours = await raise(agent.client, 'Internal outage');
    await sweepAt(Date.parse(theirs.openedAt) + 31 * MIN);
    await deliver();
    const [mail] = smtp.to(en.email).filter((m) => m.subject?.includes(theirs.number));
    expect(mail?.subject).toBe(`[${theirs.number}] We expect to miss the agreed resolution time: Badge reader offline`);
    expect(await atRisk(agent.client, ours.number)).toEqual([]);
  });
});
