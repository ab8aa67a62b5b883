import type { RecordItem, SearchHit, SearchResult } from '@keel/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TASK_TYPE } from '../src/modules/tasks/type.js';
import type { Visibility } from '../src/platform/access/visibility.js';
import { searchRecords } from '../src/platform/search/search.js';
import { Client, problemOf } from './client.js';
import { adminClient, createOrganisation, createRecord, createUser } from './factories.js';
import { startTestServer, type TestServer } from './harness.js';

let server: TestServer;
let admin: Client;
const made: Record<string, RecordItem> = {};

const search = (query: string, client: Client = admin) => client.get<SearchResult>(`/api/v1/search?${query}`);
const q = (text: string) => `q=${encodeURIComponent(text)}`;
const numbers = (reply: { body: SearchResult }) => reply.body.items.map((h) => h.number);
const marked = (h: SearchHit['title'] | null) => (h ? h.ranges.map(([s, e]) => h.text.slice(s, e)) : null);

beforeAll(async () => {
  server = await startTestServer();
  admin = await adminClient(server);
  const create = async (key: string, body: Record<string, unknown>) => {
    made[key] = await createRecord(admin, 'tasks', body);
  };
  await create('loginTitle', { title: 'VPN 无法登录', description: '上海办公室的用户从 09:00 起无法连接' });
  await create('loginText', {
    title: 'Remote access ticket',
    description: `${'背景说明。'.repeat(40)}部分用户无法登录邮箱客户端，重启无效。${'其他。'.repeat(40)}`,
  });
  await create('outage', { title: '服务器宕机', description: 'The main file server is down' });
  await create('outageText', { title: 'Storage alarm', description: '昨晚存储宕机两次' });
  await create('mail', { title: 'Mail server down', description: 'Outlook cannot reach the mail server' });
  await create('xss', { title: '<img src=x onerror=alert(1)> in signature', description: 'javascript:alert(1)' });
  await create('mentions', { title: `Duplicate of ${made.loginTitle?.number}`, description: `See ${made.loginTitle?.number}` });
});
afterAll(async () => server?.close());

describe('search: refusals first', () => {
  it('answers 401 without a session', async () => {
    expect((await search(q('vpn'), new Client(server.url))).status).toBe(401);
  });

  it('answers 400 to a missing, empty or oversized query and to unknown types or parameters', async () => {
    const cases: [string, string][] = [
      ['', 'q'],
      ['q=%20%20', 'q'],
      [q('x'.repeat(201)), 'q'],
      [`${q('vpn')}&limit=51`, 'limit'],
      [`${q('vpn')}&types=spaceship`, 'types'],
      [`${q('vpn')}&types=${encodeURIComponent('task;drop')}`, 'types.0'],
      [`${q('vpn')}&sort=score`, 'sort'],
      [`${q('vpn')}&q=again`, 'q'],
    ];
    for (const [query, path] of cases) {
      const reply = await search(query);
      expect(reply.status, query).toBe(400);
      expect(
        problemOf(reply).errors?.map((e) => e.path),
        query,
      ).toContain(path);
    }
  });

  it('answers 403 when a named type may not be read, and nothing at all to a caller who reads no type', async () => {
    const org = await createOrganisation(admin);
    const { client: customer } = await createUser(server, admin, { kind: 'customer', organisationId: org.id });
    expect((await search(`${q('vpn')}&types=task`, customer)).status).toBe(403);
    const none = await search(q('vpn'), customer);
    expect(none.status).toBe(200);
    expect(none.body).toEqual({ items: [], partial: false });
  });

  it('treats quotes, operators and SQL in the query as text', async () => {
    for (const text of ['"', "' OR 1=1 --", 'NEAR(vpn 登录)', '*', 'title: vpn', '{number} : TASK', 'vpn" OR "1', '%', '_']) {
      const reply = await search(q(text));
      expect(reply.status, text).toBe(200);
      expect(reply.body.items, text).toEqual([]);
    }
  });
});

describe('search', () => {
  it('finds Chinese terms of three or more characters through the index, title matches first, with highlights', async () => {
    const reply = await search(q('无法登录'));
    expect(numbers(reply)).toEqual([made.loginTitle?.number, made.loginText?.number]);
    const [title, text] = reply.body.items;
    expect(title?.path).toBe('tasks');
    expect(marked(title?.title ?? null)).toEqual(['无法登录']);
    expect(marked(text?.title ?? null)).toEqual([]);
    expect(text?.snippet?.text).toMatch(/^….*无法登录.*…$/);
    expect(marked(text?.snippet ?? null)).toEqual(['无法登录']);
    expect(text?.snippet?.text.length).toBeLessThanOrEqual(162);
    expect(reply.body.partial).toBe(false);
  });

  it('finds two-character Chinese words by the LIKE fallback', async () => {
    const reply = await search(q('宕机'));
    expect(numbers(reply)).toEqual([made.outage?.number, made.outageText?.number]);
    expect(marked(reply.body.items[0]?.title ?? null)).toEqual(['宕机']);
    expect(marked(reply.body.items[1]?.snippet ?? null)).toEqual(['宕机']);
  });

  it('finds English case-insensitively, every term required, mixed with Chinese', async () => {
    const reply = await search(q('MAIL Server'));
    expect(numbers(reply)).toEqual([made.mail?.number]);
    expect(marked(reply.body.items[0]?.title ?? null)).toEqual(['Mail', 'server']);
    expect(numbers(await search(q('vpn 上海')))).toEqual([made.loginTitle?.number]);
    expect(numbers(await search(q('server 宕机')))).toEqual([made.outage?.number]);
    expect(numbers(await search(q('vpn printer')))).toEqual([]);
  });

  it('ranks a record number typed exactly first, before records that mention it', async () => {
    const number = made.loginTitle?.number ?? '';
    const reply = await search(q(number));
    expect(numbers(reply)).toEqual([number, made.mentions?.number]);
    expect(reply.body.items[0]?.score).toBeGreaterThan(reply.body.items[1]?.score ?? 0);
    expect(numbers(await search(q(number.toLowerCase())))[0]).toBe(number);
  });

  it('returns user text as data with offsets, never as markup', async () => {
    const reply = await search(q('onerror'));
    expect(reply.headers.get('content-type')).toContain('application/json');
    const hit = reply.body.items[0];
    expect(hit?.title.text).toBe('<img src=x onerror=alert(1)> in signature');
    expect(marked(hit?.title ?? null)).toEqual(['onerror']);
  });

  it('lets the auditor search, and limits results to the types asked for', async () => {
    const { client: auditor } = await createUser(server, admin, { roles: ['auditor'] });
    expect(numbers(await search(q('无法登录'), auditor))).toEqual([made.loginTitle?.number, made.loginText?.number]);
    expect(numbers(await search(`${q('无法登录')}&types=task&limit=1`, auditor))).toEqual([made.loginTitle?.number]);
  });

  it('ranks only the newest matches of a very common term and says so', async () => {
    const now = Date.now();
    const rows = Array.from({ length: 520 }, (_, i) => ({
      type: 'task',
      number: `TASK-8${String(i).padStart(5, '0')}`,
      title: `压测记录 ${i}`,
      description: '',
      state: 'new',
      state_category: 'new' as const,
      opened_at: now + i,
      updated_at: now + i,
      version: 1,
    }));
    for (let i = 0; i < rows.length; i += 100)
      await server.db.kysely
        .insertInto('records')
        .values(rows.slice(i, i + 100))
        .execute();
    const long = await search(`${q('压测记录')}&limit=5`);
    expect(long.body.partial).toBe(true);
    expect(long.body.items).toHaveLength(5);
    const short = await search(`${q('压测')}&limit=5`);
    expect(short.body.partial).toBe(true);
    expect(numbers(short)).toEqual(['TASK-800519', 'TASK-800518', 'TASK-800517', 'TASK-800516', 'TASK-800515']);
  });
});

describe('search visibility', () => {
  it('never lets a customer find another organisation’s record, by long or short terms or by number', async () => {
    const mine = await createOrganisation(admin);
    const theirs = await createOrganisation(admin);
    const { user: me } = await createUser(server, admin, { kind: 'customer', organisationId: mine.id, seesOrganisationRecords: true });
    const { user: colleague } = await createUser(server, admin, { kind: 'customer', organisationId: mine.id });
    const { user: stranger } = await createUser(server, admin, { kind: 'customer', organisationId: theirs.id });
    const own = await createRecord(admin, 'tasks', { title: '打印机无法打印 own', requesterId: me.id });
    const colleagues = await createRecord(admin, 'tasks', { title: '打印机无法打印 colleague', requesterId: colleague.id });
    const foreign = await createRecord(admin, 'tasks', { title: '打印机无法打印 foreign', requesterId: stranger.id });
    const find = async (visibility: Visibility, text: string) =>
      (await searchRecords(server.db.kysely, server.db.dialect, { types: [TASK_TYPE], visibility, q: text, limit: 50 })).items
        .map((h) => h.number)
        .sort();
    const organisation: Visibility = { scope: 'organisation', userId: me.id, organisationId: mine.id };
    const ownOnly: Visibility = { scope: 'own', userId: me.id };
    for (const text of ['打印机无法打印', '打印', 'foreign', foreign.number]) {
      expect(await find(organisation, text), text).not.toContain(foreign.number);
      expect(await find(ownOnly, text), text).not.toContain(foreign.number);
    }
    expect(await find(organisation, '打印机无法打印')).toEqual([own.number, colleagues.number].sort());
    expect(await find(ownOnly, '打印')).toEqual([own.number]);
    expect(await find({ scope: 'all' }, '打印机无法打印')).toEqual([own.number, colleagues.number, foreign.number].sort());
  });
});
