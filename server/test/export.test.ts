import type { AuditEvent, Page, RecordItem, SavedView } from '@keel/shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, problemOf } from './client.js';
import { adminClient, createOrganisation, createRecord, createUser, type TestUser } from './factories.js';
import { startTestServer, type TestServer } from './harness.js';

let server: TestServer;
let admin: Client;
let english: TestUser;
let chinese: TestUser;
let formula: RecordItem;
let started: RecordItem;

/** The wall clock of an instant in a zone, as the export writes it. */
function wallClock(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

async function workbook(client: Client, query: string): Promise<ExcelJS.Worksheet> {
  const response = await fetch(`${server.url}/api/v1/tasks/export?format=xlsx&${query}`, { headers: { cookie: client.cookie ?? '' } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('spreadsheetml');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await response.arrayBuffer());
  const sheet = book.worksheets[0];
  if (!sheet) throw new Error('no sheet');
  return sheet;
}

const csvLines = (text: string) =>
  text
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');

beforeAll(async () => {
  server = await startTestServer();
  admin = await adminClient(server);
  english = await createUser(server, admin, { roles: ['agent'] });
  chinese = await createUser(server, admin, { roles: ['agent'] });
  await admin.patch(`/api/v1/users/${english.user.id}`, { locale: 'en', timeZone: 'America/New_York' });
  await admin.patch(`/api/v1/users/${chinese.user.id}`, { locale: 'zh-CN', timeZone: 'Asia/Shanghai' });
  formula = await createRecord(admin, 'tasks', { title: '=cmd|"/c calc"!A0', category: '@SUM(1)', impact: 1, urgency: 1 });
  started = await createRecord(admin, 'tasks', { title: '机房空调告警', impact: 2, urgency: 1, assigneeId: chinese.user.id });
  await admin.post(`/api/v1/tasks/${started.number}/transitions`, { action: 'start' });
  await createRecord(admin, 'tasks', { title: 'Low priority, with "quotes"', impact: 3, urgency: 3 });
});
afterAll(async () => server?.close());

describe('record export: refusals first', () => {
  it('answers 401 without a session and 403 to a customer', async () => {
    expect((await new Client(server.url).get('/api/v1/tasks/export?format=csv')).status).toBe(401);
    const org = await createOrganisation(admin);
    const { client: customer } = await createUser(server, admin, { kind: 'customer', organisationId: org.id });
    expect((await customer.get('/api/v1/tasks/export?format=csv')).status).toBe(403);
  });

  it('answers 400 for a bad format, column, filter or view', async () => {
    for (const [query, path] of [
      ['format=pdf', 'format'],
      ['columns=number,password_hash', 'columns'],
      ['colour=red', 'colour'],
      ['view=abc', 'view'],
      ['cursor=x', 'cursor'],
    ]) {
      const reply = await admin.get(`/api/v1/tasks/export?${query}`);
      expect(reply.status, query).toBe(400);
      expect(
        problemOf(reply).errors?.map((e) => e.path),
        query,
      ).toContain(path);
    }
    expect((await admin.get('/api/v1/tasks/export?view=999999')).status).toBe(404);
  });

  it('refuses an export over the configured cap with a problem, before sending anything', async () => {
    const capped = await startTestServer({ exportMaxRows: 2 });
    try {
      const client = await adminClient(capped);
      for (const title of ['One', 'Two', 'Three']) await createRecord(client, 'tasks', { title });
      const reply = await client.get('/api/v1/tasks/export?format=xlsx');
      expect(reply.status).toBe(422);
      expect(reply.headers.get('content-type')).toContain('application/problem+json');
      expect(problemOf(reply).code).toBe('export_too_large');
      expect((await client.get(`/api/v1/tasks/export?q=${encodeURIComponent('One')}`)).status).toBe(200);
    } finally {
      await capped.close();
    }
  });
});

describe('record export', () => {
  it('writes CSV with headers in the caller language, times in their zone, formulas defused', async () => {
    const reply = await english.client.get(
      '/api/v1/tasks/export?format=csv&columns=number,title,state,priority,category,openedAt&sort=priority',
    );
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toContain('text/csv');
    expect(reply.headers.get('content-disposition')).toMatch(/^attachment; filename="keel-tasks-\d{4}-\d{2}-\d{2}\.csv"$/);
    // The byte-order mark (fetch's text() drops it) makes Excel read UTF-8.
    const raw = await fetch(`${server.url}/api/v1/tasks/export?format=csv`, { headers: { cookie: english.client.cookie ?? '' } });
    expect([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csvLines(reply.text);
    expect(lines[0]).toBe('Number,Title,State,Priority,Category,Opened (America/New_York)');
    expect(lines[1]).toBe(`${formula.number},"'=cmd|""/c calc""!A0",New,1,'@SUM(1),${wallClock(formula.openedAt, 'America/New_York')}`);
    expect(lines[2]).toBe(`${started.number},机房空调告警,In progress,2,,${wallClock(started.openedAt, 'America/New_York')}`);
    expect(lines[3]).toContain('"Low priority, with ""quotes"""');
    expect(lines).toHaveLength(4);
  });

  it('writes Excel with Chinese headers and labels for a zh-CN user, local times as dates and no formulas', async () => {
    const sheet = await workbook(chinese.client, 'columns=number,title,state,stateCategory,assignee,openedAt&sort=number');
    expect(sheet.getRow(1).values).toEqual([undefined, '编号', '标题', '状态', '状态类别', '处理人', '创建时间（Asia/Shanghai）']);
    const first = sheet.getRow(2);
    expect(first.getCell(1).value).toBe(formula.number);
    expect(first.getCell(2).value).toBe(`'=cmd|"/c calc"!A0`);
    expect(first.getCell(2).formula).toBeUndefined();
    const second = sheet.getRow(3);
    expect([second.getCell(3).value, second.getCell(4).value, second.getCell(5).value]).toEqual([
      '处理中',
      '处理中',
      chinese.user.displayName,
    ]);
    const opened = second.getCell(6).value;
    expect(opened).toBeInstanceOf(Date);
    if (!(opened instanceof Date)) throw new Error('not a date');
    expect(opened.toISOString().slice(0, 16).replace('T', ' ')).toBe(wallClock(started.openedAt, 'Asia/Shanghai'));
    expect(sheet.rowCount).toBe(4);
  });

  it('exports a saved view: its filters, sort and columns, with explicit parameters on top', async () => {
    const view = (
      await chinese.client.post<SavedView>('/api/v1/saved-views', {
        type: 'task',
        name: '高优先级',
        params: { 'priority.lte': '2', sort: '-priority' },
        columns: ['title', 'priority'],
      })
    ).body;
    const lines = csvLines((await chinese.client.get(`/api/v1/tasks/export?view=${view.id}`)).text);
    expect(lines).toEqual(['标题,优先级', '机房空调告警,2', `"'=cmd|""/c calc""!A0",1`]);
    const narrowed = csvLines((await chinese.client.get(`/api/v1/tasks/export?view=${view.id}&priority.lte=1&columns=number`)).text);
    expect(narrowed).toEqual(['编号', formula.number]);
    // Another user's personal view cannot be exported by id.
    expect((await english.client.get(`/api/v1/tasks/export?view=${view.id}`)).status).toBe(404);
  });

  it('streams every matching row across many pages, once each, in the list order', async () => {
    const now = Date.now();
    const rows = Array.from({ length: 620 }, (_, i) => ({
      type: 'task',
      number: `TASK-9${String(i).padStart(5, '0')}`,
      title: `批量 ${i}`,
      description: '',
      state: 'new',
      state_category: 'new' as const,
      opened_at: now + i,
      updated_at: now + i,
      version: 1,
      category: 'bulk-export',
    }));
    for (let i = 0; i < rows.length; i += 100)
      await server.db.kysely
        .insertInto('records')
        .values(rows.slice(i, i + 100))
        .execute();
    const lines = csvLines((await admin.get('/api/v1/tasks/export?category=bulk-export&columns=number&sort=number')).text);
    expect(lines.slice(1)).toEqual(rows.map((r) => r.number));
    const events = await admin.get<Page<AuditEvent>>('/api/v1/audit/events?action=record.exported&limit=1');
    expect(events.body.items[0]?.changes).toMatchObject({ format: [null, 'csv'], rows: [null, 620] });
  });
});
