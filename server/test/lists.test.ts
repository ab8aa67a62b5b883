import type { Group, Page, RecordItem, User } from '@keel/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TASK_TYPE } from '../src/modules/tasks/type.js';
import { recordQuerySchemas } from '../src/platform/records/filters.js';
import { listRecords } from '../src/platform/records/queries.js';
import { Client, problemOf } from './client.js';
import { adminClient, createOrganisation, createRecord, createUser } from './factories.js';
import { startTestServer, type TestServer } from './harness.js';

let server: TestServer;
let admin: Client;
let agent: { user: User; client: Client };
let other: User;
let groups: Group[];
const tasks: Record<'vpn' | 'printer' | 'mail' | 'bare', RecordItem> = {} as never;

const titlesOf = (page: { body: Page<RecordItem> }) => page.body.items.map((r) => r.title).sort();
const list = (query: string, client: Client = admin) => client.get<Page<RecordItem>>(`/api/v1/tasks?${query}`);

beforeAll(async () => {
  server = await startTestServer();
  admin = await adminClient(server);
  agent = await createUser(server, admin, { roles: ['agent'] });
  other = (await createUser(server, admin, { roles: ['agent'] })).user;
  groups = await Promise.all(
    ['Network 网络组', 'Desktop 桌面组'].map(async (name) => (await admin.post<Group>('/api/v1/groups', { name })).body),
  );
  const [network, desktop] = groups;
  tasks.vpn = await createRecord(admin, 'tasks', {
    title: 'VPN 无法登录',
    description: 'Users in 上海 cannot sign in to the VPN since 09:00',
    impact: 1,
    urgency: 1,
    category: '网络',
    assigneeId: agent.user.id,
    groupId: network?.id,
  });
  tasks.printer = await createRecord(admin, 'tasks', {
    title: 'Printer jam 打印机卡纸',
    impact: 2,
    urgency: 2,
    category: '硬件',
    groupId: desktop?.id,
  });
  tasks.mail = await createRecord(admin, 'tasks', {
    title: '邮件服务器宕机',
    description: 'Mail server down; 100% of mailboxes_affected',
    impact: 1,
    urgency: 3,
    category: '网络, 存储',
    assigneeId: other.id,
  });
  tasks.bare = await createRecord(admin, 'tasks', { title: 'No priority yet' });
  await admin.post(`/api/v1/tasks/${tasks.vpn.number}/transitions`, { action: 'start' });
  await admin.post(`/api/v1/tasks/${tasks.printer.number}/transitions`, { action: 'cancel' });
});
afterAll(async () => server?.close());

describe('record list filters: refusals first', () => {
  it('answers 401 without a session and 403 to a customer', async () => {
    expect((await new Client(server.url).get('/api/v1/tasks?priority=1')).status).toBe(401);
    const org = await createOrganisation(admin);
    const { client: customer } = await createUser(server, admin, { kind: 'customer', organisationId: org.id });
    expect((await customer.get('/api/v1/tasks?priority=1')).status).toBe(403);
  });

  it('answers 400 naming the parameter for unknown filters, wrong operators and bad values', async () => {
    const cases: [string, string][] = [
      ['colour=red', 'colour'],
      ['priority.text=high', 'priority.text'],
      ['state.gte=new', 'state.gte'],
      ['priority=9', 'priority'],
      ['impact.gte=abc', 'impact.gte'],
      ['state=teleported', 'state'],
      ['state=Not A Key!', 'state'],
      ['stateCategory=open', 'stateCategory'],
      ['openedAt.gte=yesterday', 'openedAt.gte'],
      ['assigneeId.empty=maybe', 'assigneeId.empty'],
      ['assigneeId=you', 'assigneeId'],
      ['sort=title', 'sort'],
      ['limit=500', 'limit'],
    ];
    for (const [query, path] of cases) {
      const reply = await list(query);
      expect(reply.status, query).toBe(400);
      expect(problemOf(reply).code).toBe('validation_failed');
      expect(
        problemOf(reply).errors?.map((e) => e.path),
        query,
      ).toContain(path);
    }
  });

  it('never turns injected names, values or sort into SQL', async () => {
    const refused = [
      'sort=id;DROP TABLE records',
      'sort=number,(select 1)',
      `${encodeURIComponent('priority) or (1=1')}=1`,
      `${encodeURIComponent('state;drop table records--')}=new`,
      `assigneeId=${encodeURIComponent('1 OR 1=1')}`,
      `priority=${encodeURIComponent("1') OR ('1'='1")}`,
      'priority[]=1',
      'priority=1&priority=2',
    ];
    for (const query of refused) {
      const reply = await list(query);
      expect(reply.status, query).toBe(400);
      expect(reply.text).not.toMatch(/sqlite|syntax|postgres|SQLITE_/i);
    }
    const harmless = [
      `category=${encodeURIComponent("x' OR '1'='1")}`,
      `q=${encodeURIComponent("' OR 1=1 --")}`,
      `q=${encodeURIComponent('") OR 1=1 --')}`,
      `q=${encodeURIComponent('NEAR(a b) * OR')}`,
      `title.text=${encodeURIComponent('"; DROP TABLE records; --')}`,
    ];
    for (const query of harmless) {
      const reply = await list(query);
      expect(reply.status, query).toBe(200);
      expect(reply.body.items, query).toEqual([]);
    }
    expect((await list('limit=200')).body.items.length).toBeGreaterThanOrEqual(4);
  });
});

describe('record list filters', () => {
  it('match one value or any of several (eq / in), including states, groups and a literal comma', async () => {
    expect(titlesOf(await list('priority=1'))).toEqual(['VPN 无法登录']);
    expect(titlesOf(await list('priority=1,3'))).toEqual(['Printer jam 打印机卡纸', 'VPN 无法登录', '邮件服务器宕机']);
    expect(titlesOf(await list('state=in_progress'))).toEqual(['VPN 无法登录']);
    expect(titlesOf(await list('stateCategory=cancelled,closed'))).toEqual(['Printer jam 打印机卡纸']);
    expect(titlesOf(await list(`groupId=${groups[1]?.id}`))).toEqual(['Printer jam 打印机卡纸']);
    expect(titlesOf(await list(`category=${encodeURIComponent('网络\\, 存储')}`))).toEqual(['邮件服务器宕机']);
    expect(titlesOf(await list(`category=${encodeURIComponent('网络,硬件')}`))).toEqual(['Printer jam 打印机卡纸', 'VPN 无法登录']);
  });

  it('read `me` as the caller, so one shared view means "mine" for everyone', async () => {
    expect(titlesOf(await list('assigneeId=me', agent.client))).toEqual(['VPN 无法登录']);
    expect(titlesOf(await list(`assigneeId=me,${other.id}`, agent.client))).toEqual(['VPN 无法登录', '邮件服务器宕机']);
    expect(titlesOf(await list('assigneeId=me'))).toEqual([]);
  });

  it('take inclusive ranges on numbers and times', async () => {
    expect(titlesOf(await list('impact.gte=2'))).toEqual(['Printer jam 打印机卡纸']);
    expect(titlesOf(await list('urgency.gte=2&urgency.lte=3'))).toEqual(['Printer jam 打印机卡纸', '邮件服务器宕机']);
    const from = encodeURIComponent(tasks.mail.openedAt);
    expect(titlesOf(await list(`openedAt.gte=${from}`))).toEqual(['No priority yet', '邮件服务器宕机']);
    expect(titlesOf(await list(`openedAt.lte=${encodeURIComponent(tasks.vpn.openedAt)}`))).toEqual(['VPN 无法登录']);
    // The same instant written in Beijing time: offsets are honoured.
    const beijing = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
    expect(titlesOf(await list(`openedAt.gte=${encodeURIComponent(beijing(tasks.bare.openedAt))}`))).toEqual(['No priority yet']);
    const later = new Date(Date.parse(tasks.bare.openedAt) + 1).toISOString();
    expect(titlesOf(await list(`openedAt.gte=${encodeURIComponent(beijing(later))}`))).toEqual([]);
  });

  it('find empty and filled fields', async () => {
    expect(titlesOf(await list('priority.empty=true'))).toEqual(['No priority yet']);
    expect(titlesOf(await list('assigneeId.empty=true&groupId.empty=true'))).toEqual(['No priority yet']);
    expect(titlesOf(await list('closedAt.empty=false'))).toEqual(['Printer jam 打印机卡纸']);
    expect(titlesOf(await list('category.empty=false&assigneeId.empty=false'))).toEqual(['VPN 无法登录', '邮件服务器宕机']);
  });

  it('search text in Chinese and English, long terms through the index and short ones by LIKE', async () => {
    expect(titlesOf(await list(`q=${encodeURIComponent('无法登录')}`))).toEqual(['VPN 无法登录']);
    expect(titlesOf(await list(`q=${encodeURIComponent('宕机')}`))).toEqual(['邮件服务器宕机']);
    expect(titlesOf(await list(`q=${encodeURIComponent('MAIL down')}`))).toEqual(['邮件服务器宕机']);
    expect(titlesOf(await list(`q=${encodeURIComponent('vpn 上海')}`))).toEqual(['VPN 无法登录']);
    expect(titlesOf(await list(`q=${tasks.printer.number}`))).toEqual(['Printer jam 打印机卡纸']);
    expect(titlesOf(await list(`title.text=${encodeURIComponent('打印机')}`))).toEqual(['Printer jam 打印机卡纸']);
    // The description mentions the VPN; title.text looks at the title only.
    expect(titlesOf(await list('title.text=sign'))).toEqual([]);
    expect(titlesOf(await list('description.text=sign'))).toEqual(['VPN 无法登录']);
  });

  it('match % and _ literally', async () => {
    expect(titlesOf(await list(`q=${encodeURIComponent('100%')}`))).toEqual(['邮件服务器宕机']);
    expect(titlesOf(await list(`q=${encodeURIComponent('s_affected')}`))).toEqual(['邮件服务器宕机']);
    expect(titlesOf(await list(`q=${encodeURIComponent('0%')}`))).toEqual(['邮件服务器宕机']);
    expect(titlesOf(await list(`q=${encodeURIComponent('%')}`))).toEqual(['邮件服务器宕机']);
    expect(titlesOf(await list(`q=${encodeURIComponent('x_y')}`))).toEqual([]);
  });
});

describe('record list sorting and paging', () => {
  it('sorts by priority with unprioritised records last, and each other allowed field', async () => {
    const numbers = async (query: string) => (await list(query)).body.items.map((r) => r.number);
    const { vpn, printer, mail, bare } = tasks;
    expect(await numbers('sort=priority')).toEqual([vpn.number, printer.number, mail.number, bare.number]);
    expect(await numbers('sort=-priority')).toEqual([bare.number, mail.number, printer.number, vpn.number]);
    expect(await numbers('sort=number')).toEqual([vpn.number, printer.number, mail.number, bare.number]);
    expect(await numbers('sort=openedAt')).toEqual([vpn.number, printer.number, mail.number, bare.number]);
    expect(await numbers('')).toEqual([bare.number, mail.number, printer.number, vpn.number]);
    // The two transitions came last.
    expect(await numbers('sort=-updatedAt')).toEqual([printer.number, vpn.number, bare.number, mail.number]);
  });

  it('walks every sort page by page with cursors, without repeats or gaps, even with ties', async () => {
    for (let i = 0; i < 5; i++) await createRecord(admin, 'tasks', { title: `Tie ${i}`, impact: 2, urgency: 2 });
    for (const sort of ['priority', '-priority', 'number', '-updatedAt', 'openedAt']) {
      const all = (await list(`sort=${sort}&limit=200`)).body.items.map((r) => r.number);
      const walked: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: Page<RecordItem> } = await list(`sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        walked.push(...page.body.items.map((r) => r.number));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(walked, sort).toEqual(all);
      expect(new Set(walked).size).toBe(9);
    }
    expect((await list('cursor=bm90LWEtY3Vyc29y')).status).toBe(400);
  });
});

describe('row visibility under filters', () => {
  it('never lets a customer reach other rows through a filter on a related field', async () => {
    const mine = await createOrganisation(admin);
    const theirs = await createOrganisation(admin);
    const { user: me } = await createUser(server, admin, { kind: 'customer', organisationId: mine.id });
    const { user: stranger } = await createUser(server, admin, { kind: 'customer', organisationId: theirs.id });
    await createRecord(admin, 'tasks', { title: 'Mine 我的', requesterId: me.id });
    await createRecord(admin, 'tasks', { title: 'Theirs 他们的', requesterId: stranger.id });
    const schema = recordQuerySchemas(TASK_TYPE).list;
    const scope = { visibility: { scope: 'own' as const, userId: me.id }, userId: me.id, dialect: server.db.dialect };
    const titles = async (query: Record<string, string>) =>
      (await listRecords(server.db.kysely, TASK_TYPE, scope, schema.parse(query))).items.map((r) => r.title);
    expect(await titles({})).toEqual(['Mine 我的']);
    expect(await titles({ organisationId: String(theirs.id) })).toEqual([]);
    expect(await titles({ requesterId: String(stranger.id) })).toEqual([]);
    expect(await titles({ q: '他们的' })).toEqual([]);
    expect(await titles({ 'requesterId.empty': 'false', q: 'Theirs' })).toEqual([]);
  });
});

// Last: these create records the counts above do not expect.
describe('agent queues', () => {
  it('read `groupId=mine` as every group of the caller, alone or with other ids', async () => {
    const [network, desktop] = groups;
    if (!network || !desktop) throw new Error('groups missing');
    const me = await admin.get<{ id: number }>('/api/v1/me');
    expect((await list('groupId=mine', agent.client)).body.items).toEqual([]);
    await admin.patch(`/api/v1/groups/${network.id}`, { memberIds: [agent.user.id] });
    expect(titlesOf(await list('groupId=mine', agent.client))).toEqual([tasks.vpn.title]);
    expect(titlesOf(await list(`groupId=mine,${desktop.id}`, agent.client))).toEqual([tasks.printer.title, tasks.vpn.title].sort());
    // The same shared query means each caller's own groups: the administrator is in none.
    expect(me.body.id).not.toBe(agent.user.id);
    expect((await list('groupId=mine')).body.items).toEqual([]);
    expect((await list('assigneeId=mine')).status).toBe(400);
  });

  it('find records at risk of breach with a range on the earliest SLA due time', async () => {
    const policy = await admin.post<{ id: number }>('/api/v1/sla-policies', {
      name: `Queue risk ${Date.now()}`,
      recordType: 'task',
      conditions: { categories: ['queue-risk'] },
      targets: [
        {
          key: 'resolution',
          label: { en: 'Resolution', 'zh-CN': '解决' },
          stopOn: ['resolved', 'closed'],
          minutesByPriority: { 1: 30, 2: 600, 3: 6000, 4: 6000, 5: 6000 },
        },
      ],
    });
    expect(policy.status).toBe(201);
    const soon = await createRecord(admin, 'tasks', { title: 'Due soon', impact: 1, urgency: 1, category: 'queue-risk' });
    const later = await createRecord(admin, 'tasks', { title: 'Due later', impact: 3, urgency: 3, category: 'queue-risk' });
    const inAnHour = encodeURIComponent(new Date(Date.now() + 60 * 60_000).toISOString());
    const atRisk = await list(`slaDueAt.lte=${inAnHour}&category=queue-risk`);
    expect(atRisk.body.items.map((r) => r.number)).toEqual([soon.number]);
    const withClock = await list('slaDueAt.empty=false&category=queue-risk&sort=slaDueAt');
    expect(withClock.body.items.map((r) => r.number)).toEqual([soon.number, later.number]);
    expect((await list('slaDueAt=2026-01-01T00:00:00Z')).status).toBe(400);
  });
});
