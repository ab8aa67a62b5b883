import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { ImportReport, JournalEntry, Page, RecordImport, RecordItem, RecordSummary } from '@keel/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from './client.js';
import { adminClient, createOrganisation, createUser } from './factories.js';
import { startTestServer, type TestServer } from './harness.js';

// The importer over HTTP on a real database: the first 52 incidents of the UCI log, and a copy
// of its first rows with six rows broken in six different ways.
const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const HEAD = fs.readFileSync(path.join(FIXTURES, 'uci-head.csv'));
const BAD = fs.readFileSync(path.join(FIXTURES, 'uci-bad-rows.csv'));
const MAPPING = 'uci-incident-event-log';
const UCI = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../../imports/uci-incident-event-log.json'), 'utf8'));

let server: TestServer;
let admin: Client;

beforeAll(async () => {
  server = await startTestServer();
  admin = await adminClient(server);
});
afterAll(async () => server?.close());

function form(content: Uint8Array, options: { mapping?: unknown; name?: string } = {}): FormData {
  const body = new FormData();
  if (options.mapping !== undefined) body.append('mapping', JSON.stringify(options.mapping));
  body.append('file', new Blob([new Uint8Array(content)]), options.name ?? 'log.csv');
  return body;
}

const send = (who: Client, query: string, body: FormData) => who.request<ImportReport>('POST', `/api/v1/imports?${query}`, { raw: body });
const counts = async () => {
  const db = server.db.kysely;
  const one = async (table: 'records' | 'journal_entries' | 'record_imports' | 'record_external_links') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const audits = await db.selectFrom('audit_events').select('changes').where('action', '=', 'import.completed').execute();
  return {
    records: await one('records'),
    journal: await one('journal_entries'),
    imports: await one('record_imports'),
    links: await one('record_external_links'),
    audits: audits.length,
  };
};

/** The last row of each case in the fixture, read independently of the importer (the fixture has no quoted cells). */
function lastRows(csv: Buffer): Map<string, Record<string, string>> {
  const [header = '', ...rows] = csv.toString('utf8').trim().split('\n');
  const columns = header.split(',');
  const last = new Map<string, Record<string, string>>();
  for (const line of rows) {
    const row = Object.fromEntries(line.split(',').map((v, i) => [columns[i], v]));
    const id = row.number ?? '';
    const seen = last.get(id);
    if (!seen || Number(row.sys_mod_count) >= Number(seen.sys_mod_count)) last.set(id, row);
  }
  return last;
}

describe('POST /api/v1/imports', () => {
  it('refuses anonymous callers (401), staff without records.configure (403) and a body that is not multipart (415)', async () => {
    expect((await send(new Client(server.url), `mapping=${MAPPING}`, form(HEAD))).status).toBe(401);
    const agent = await createUser(server, admin, { roles: ['agent'] });
    expect((await send(agent.client, `mapping=${MAPPING}`, form(HEAD))).status).toBe(403);
    expect((await admin.post(`/api/v1/imports?mapping=${MAPPING}`, { file: 'x' })).status).toBe(415);
  });

  it('wants exactly one mapping, a shipped one by name or an edited one that passes the contract (400)', async () => {
    expect((await send(admin, '', form(HEAD))).status).toBe(400);
    expect((await send(admin, 'mapping=no-such-mapping', form(HEAD))).status).toBe(400);
    expect((await send(admin, `mapping=${MAPPING}`, form(HEAD, { mapping: UCI }))).status).toBe(400);
    const broken = await send(admin, '', form(HEAD, { mapping: { ...UCI, people: { usernamePrefix: 'NO SPACES' } } }));
    expect(broken.status).toBe(400);
    expect(broken.text).toContain('mapping.people.usernamePrefix');
    expect(await counts()).toMatchObject({ records: 0, audits: 0 });
  });

  it('reports every bad row with its line and column, and writes nothing, in a dry run and in a real one', async () => {
    for (const dryRun of ['true', 'false']) {
      const reply = await send(admin, `mapping=${MAPPING}&dryRun=${dryRun}`, form(BAD));
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ ok: false, rows: 20, rejectedRows: 6, created: 0 });
      expect(reply.body.problems.map((p) => [p.line, p.column])).toEqual([
        [4, 'sys_updated_at'],
        [7, 'priority'],
        [10, 'incident_state'],
        [13, null],
        [16, 'number'],
        [19, 'sys_mod_count'],
      ]);
      expect(reply.body.problems.map((p) => p.code)).toEqual([
        'bad_time',
        'not_in_values',
        'not_in_values',
        'cell_count',
        'case_id_missing',
        'order_not_integer',
      ]);
      expect(reply.body.problems[0]).toMatchObject({ params: { value: '31/2/2016 10:00', format: 'd/m/yyyy HH:MM' } });
      expect(reply.body.problems[0]?.message).toContain('31/2/2016 10:00');
    }
    expect(await counts()).toEqual({ records: 0, journal: 0, imports: 0, links: 0, audits: 0 });
  });

  it('reports a mapping that reads a column the file lacks as line 1', async () => {
    const reply = await send(admin, '', form(HEAD, { mapping: { ...UCI, keep: ['no_such_column'] } }));
    expect(reply.body).toMatchObject({ ok: false, problems: [{ line: 1, column: 'no_such_column' }] });
  });

  it('dry-runs the log: counts what would be created, writes nothing', async () => {
    const reply = await send(admin, `mapping=${MAPPING}&dryRun=true`, form(HEAD));
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ ok: true, dryRun: true, rows: 328, cases: 52, rejectedRows: 0, created: 52, updated: 0 });
    expect(reply.body.journalEntries).toBeGreaterThan(100);
    expect(await counts()).toEqual({ records: 0, journal: 0, imports: 0, links: 0, audits: 0 });
  });

  it('imports a gzipped log: incidents with their source ids, final state, times, counters and links, and one audit event', async () => {
    const reply = await send(admin, `mapping=${MAPPING}&dryRun=false`, form(gzipSync(HEAD), { name: 'head.csv.gz' }));
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ ok: true, dryRun: false, rows: 328, cases: 52, rejectedRows: 0, created: 52, unchanged: 0 });
    const after = await counts();
    expect(after).toMatchObject({ records: 52, imports: 52, audits: 1, journal: reply.body.journalEntries });

    const rows = await server.db.kysely.selectFrom('records').selectAll().where('external_id', '=', 'INC0000045').execute();
    expect(rows).toHaveLength(1);
    const record = rows[0];
    expect(record).toMatchObject({
      type: 'incident',
      source: 'import',
      state: 'closed',
      state_category: 'closed',
      priority: 3,
      impact: 2,
      urgency: 2,
      category: 'Category 55',
      title: 'Category 55 / Subcategory 170 / Symptom 72',
      opened_at: Date.UTC(2016, 1, 29, 1, 16),
      resolved_at: Date.UTC(2016, 1, 29, 11, 29),
      closed_at: Date.UTC(2016, 2, 5, 12, 0),
      updated_at: Date.UTC(2016, 2, 5, 12, 0),
    });
    const journal = await admin.get<Page<JournalEntry>>(`/api/v1/incidents/${record?.number}/journal?limit=50`);
    expect(journal.status).toBe(200);
    expect(journal.body.items.map((e) => [e.kind, e.data, e.authorName, e.createdAt])).toEqual([
      ['transition', { from: 'new', to: 'resolved', action: 'import' }, 'Updated by 642', '2016-02-29T08:53:00.000Z'],
      ['transition', { from: 'resolved', to: 'closed', action: 'confirm' }, 'Updated by 908', '2016-03-05T12:00:00.000Z'],
    ]);
    const item = await admin.get<RecordItem>(`/api/v1/incidents/${record?.number}`);
    expect(item.body).toMatchObject({ externalId: 'INC0000045', source: 'import', reassignmentCount: 0, reopenCount: 0 });

    // Field changes name groups and people by id, as live edits do, so the timeline shows their names.
    const moved = await server.db.kysely
      .selectFrom('records')
      .select('number')
      .where('external_id', '=', 'INC0000047')
      .executeTakeFirstOrThrow();
    const changes = (await admin.get<Page<JournalEntry>>(`/api/v1/incidents/${moved.number}/journal?limit=50`)).body.items.filter(
      (e) => e.kind === 'field_change' && 'group_id' in e.data,
    );
    expect(changes.length).toBeGreaterThan(0);
    const pair = changes[0]?.data.group_id;
    const groupIds = Array.isArray(pair) ? pair.filter((id): id is number => typeof id === 'number') : [];
    expect(groupIds).toHaveLength(2);
    expect(await server.db.kysely.selectFrom('groups').select('name').where('id', 'in', groupIds).execute()).toHaveLength(2);

    // Counters replayed from the history agree with the source's own on its last row.
    const source = lastRows(HEAD);
    const all = await server.db.kysely.selectFrom('records').select(['external_id', 'reassignment_count', 'reopen_count']).execute();
    for (const r of all) {
      expect([r.external_id, r.reopen_count]).toEqual([r.external_id, Number(source.get(r.external_id ?? '')?.reopen_count)]);
    }
    const agree = all.filter((r) => r.reassignment_count === Number(source.get(r.external_id ?? '')?.reassignment_count));
    expect(agree.length).toBeGreaterThanOrEqual(50);

    const links = await server.db.kysely.selectFrom('record_external_links').select(['kind', 'external_number']).execute();
    expect(links).toContainEqual({ kind: 'problem', external_number: 'Problem ID  2' });
    expect(links).toContainEqual({ kind: 'change', external_number: 'CHG0000404' });
    const placeholder = await server.db.kysely
      .selectFrom('users')
      .select(['active', 'kind'])
      .where('username_key', '=', 'uci.updated.by.642')
      .executeTakeFirstOrThrow();
    expect(placeholder).toEqual({ active: 0, kind: 'staff' });
    const caller = await server.db.kysely
      .selectFrom('users')
      .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
      .select(['users.kind', 'organisations.code'])
      .where('username_key', '=', 'uci.caller.2403')
      .executeTakeFirstOrThrow();
    expect(caller).toEqual({ kind: 'customer', code: 'IMPORT-UCI' });
  });

  it('shows staff where an imported record came from, and nothing for a native one; customers may not look', async () => {
    const linked = await server.db.kysely
      .selectFrom('records')
      .innerJoin('record_external_links', 'record_external_links.record_id', 'records.id')
      .select('records.number')
      .where('record_external_links.external_number', '=', 'CHG0000404')
      .executeTakeFirstOrThrow();
    const reply = await admin.get<{ item: RecordImport | null }>(`/api/v1/incidents/${linked.number}/imported`);
    expect(reply.status).toBe(200);
    expect(reply.body.item).toMatchObject({
      mapping: MAPPING,
      externalLinks: expect.arrayContaining([{ kind: 'change', number: 'CHG0000404' }]),
    });
    expect(reply.body.item?.source).toHaveProperty('contact_type');
    expect(typeof reply.body.item?.slaMet).toBe('boolean');
    const native = await admin.post<RecordItem>('/api/v1/incidents', { title: 'Raised in Keel' });
    expect((await admin.get<{ item: RecordImport | null }>(`/api/v1/incidents/${native.body.number}/imported`)).body).toEqual({
      item: null,
    });
    const customer = await createUser(server, admin, { kind: 'customer', organisationId: (await createOrganisation(admin)).id });
    expect((await customer.client.get(`/api/v1/incidents/${linked.number}/imported`)).status).toBe(403);
  });

  it('is idempotent: the same log again changes no record, timeline entry, person or group', async () => {
    const snapshot = async () => ({
      counts: await counts(),
      records: await server.db.kysely.selectFrom('records').selectAll().orderBy('id').execute(),
      users: await server.db.kysely.selectFrom('users').select('id').execute(),
      groups: await server.db.kysely.selectFrom('groups').select('id').execute(),
    });
    const before = await snapshot();
    const reply = await send(admin, `mapping=${MAPPING}&dryRun=false`, form(HEAD));
    expect(reply.body).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 52, journalEntries: 0, people: 0, groups: 0 });
    const after = await snapshot();
    expect(after.records).toEqual(before.records);
    expect(after.users).toEqual(before.users);
    expect(after.groups).toEqual(before.groups);
    // Only the run itself is recorded.
    expect(after.counts).toEqual({ ...before.counts, audits: before.counts.audits + 1 });
  });

  it('lets two imports of the same log run at once on an empty database: each case, person and group is created once', async () => {
    const fresh = await startTestServer();
    try {
      const other = await adminClient(fresh);
      const post = () => send(other, `mapping=${MAPPING}&dryRun=false`, form(HEAD));
      const replies = await Promise.all([post(), post()]);
      expect(replies.map((r) => r.status)).toEqual([200, 200]);
      expect(replies.map((r) => r.body.created).sort((a, b) => a - b)).toEqual([0, 52]);
      expect(replies.map((r) => r.body.people).sort((a, b) => a - b)).toEqual([0, 123]);
      const db = fresh.db.kysely;
      expect((await db.selectFrom('records').select('id').execute()).length).toBe(52);
      expect((await db.selectFrom('users').select('id').where('username_key', 'like', 'uci.%').execute()).length).toBe(123);
    } finally {
      await fresh.close();
    }
  });

  it('continues a record when a longer log brings later events', async () => {
    const record = await server.db.kysely
      .selectFrom('records')
      .select(['id', 'version'])
      .where('external_id', '=', 'INC0000045')
      .executeTakeFirstOrThrow();
    const header = HEAD.toString('utf8').split('\n')[0];
    const later =
      'INC0000045,Active,true,0,1,5,true,Caller 2403,Opened by  8,29/2/2016 01:16,Created by 6,29/2/2016 01:23,Updated by 1,6/3/2016 09:00,Phone,Location 143,Category 55,Subcategory 170,Symptom 72,?,2 - Medium,2 - Medium,3 - Moderate,Group 57,?,true,false,Do Not Notify,?,?,?,?,code 5,Resolved by 149,?,?';
    const reply = await send(admin, `mapping=${MAPPING}&dryRun=false`, form(Buffer.from(`${header}\n${later}\n`)));
    expect(reply.body).toMatchObject({ ok: true, created: 0, updated: 1, journalEntries: 2 });
    const row = await server.db.kysely.selectFrom('records').selectAll().where('id', '=', record.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      state: 'in_progress',
      reopen_count: 0,
      reassignment_count: 1,
      resolved_at: null,
      closed_at: null,
      version: record.version + 1,
    });
  });
});

describe('a second log format, by a mapping alone', () => {
  // BPI Challenge 2013 (Volvo IT problems): no order column, millisecond times, status-substatus activities.
  const BPI = fs.readFileSync(path.join(FIXTURES, 'bpi2013-head.csv'));
  const mapping = {
    version: 1,
    name: 'bpi2013-as-incidents',
    label: 'BPI 2013 rows as incidents (test)',
    recordType: 'incident',
    format: { type: 'csv' },
    time: { format: 'yyyy-mm-dd HH:MM:SS.fff', timeZone: 'Europe/Brussels' },
    case: { id: 'Case ID', at: 'Complete Timestamp', author: 'Resource' },
    title: { template: '{product} ({org:role})' },
    fields: {
      state: {
        column: 'Activity',
        values: {
          'Queued-Awaiting Assignment': 'new',
          'Accepted-In Progress': 'in_progress',
          'Accepted-Assigned': 'in_progress',
          'Accepted-Wait': 'awaiting_customer',
          'Completed-Closed': 'closed',
          'Completed-Cancelled': 'cancelled',
          'Unmatched-Unmatched': null,
        },
      },
      impact: { column: 'impact', values: { Major: 1, High: 1, Medium: 2, Low: 3 } },
      group: { column: 'org:group' },
      assignee: { column: 'Resource' },
    },
    people: { usernamePrefix: 'bpi.' },
    keep: ['organization involved', 'resource country'],
  };

  it('imports it through the same engine, ordering events by time, and again changes nothing', async () => {
    const reply = await send(admin, 'dryRun=false', form(BPI, { mapping }));
    expect(reply.body).toMatchObject({ ok: true, rows: 42, cases: 7, created: 7, rejectedRows: 0 });
    const record = await server.db.kysely
      .selectFrom('records')
      .selectAll()
      .where('external_id', '=', '1-109135791')
      .executeTakeFirstOrThrow();
    expect(record).toMatchObject({
      title: 'PROD191 (A2_2)',
      state: 'closed',
      impact: 1,
      category: null,
      // 2006-01-12 01:19:42 in Brussels (UTC+1 in winter).
      opened_at: Date.UTC(2006, 0, 12, 0, 19, 42),
    });
    const journal = await admin.get<Page<JournalEntry>>(`/api/v1/incidents/${record.number}/journal?limit=50`);
    const times = journal.body.items.map((e) => e.createdAt);
    expect(times).toEqual([...times].sort());
    expect(journal.body.items.at(-1)).toMatchObject({ kind: 'transition', data: { to: 'closed' } });
    const again = await send(admin, 'dryRun=false', form(BPI, { mapping }));
    expect(again.body).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 7, journalEntries: 0 });
  });
});

describe('GET /api/v1/reports/incidents/summary', () => {
  it('needs the incident read permission', async () => {
    expect((await new Client(server.url).get('/api/v1/reports/incidents/summary')).status).toBe(401);
    const customer = await createUser(server, admin, { kind: 'customer', organisationId: (await createOrganisation(admin)).id });
    expect((await customer.client.get('/api/v1/reports/incidents/summary')).status).toBe(403);
  });

  it('computes time to resolve by priority, reassignments, reopens and SLA attainment from the imported history', async () => {
    const rows = await server.db.kysely
      .selectFrom('records')
      .leftJoin('record_imports', 'record_imports.record_id', 'records.id')
      .select(['priority', 'opened_at', 'resolved_at', 'reassignment_count', 'reopen_count', 'record_imports.sla_met'])
      .where('type', '=', 'incident')
      .execute();
    const reply = await admin.get<RecordSummary>('/api/v1/reports/incidents/summary');
    expect(reply.status).toBe(200);
    const summary = reply.body;
    expect(summary.records).toBe(rows.length);
    for (const line of summary.resolution) {
      const hours = rows
        .filter((r) => r.priority === line.priority && r.resolved_at !== null)
        .map((r) => ((r.resolved_at ?? 0) - r.opened_at) / 3_600_000)
        .sort((a, b) => a - b);
      const mid = hours.length / 2;
      expect(line.resolved).toBe(hours.length);
      expect(line.meanHours).toBeCloseTo(hours.reduce((a, b) => a + b, 0) / hours.length, 6);
      expect(line.medianHours).toBeCloseTo(
        hours.length % 2 ? (hours[Math.floor(mid)] ?? 0) : ((hours[mid - 1] ?? 0) + (hours[mid] ?? 0)) / 2,
        6,
      );
    }
    expect(summary.resolution.reduce((n, l) => n + l.resolved, 0)).toBe(rows.filter((r) => r.resolved_at !== null).length);
    expect(summary.reassignments.distribution.reduce((n, d) => n + d.records, 0)).toBe(rows.length);
    expect(summary.reopens.reopened).toBe(rows.filter((r) => r.reopen_count > 0).length);
    // SLA attainment of imported incidents is the source's made_sla on each case's last row.
    const made = [...lastRows(HEAD).values()].filter((r) => r.made_sla === 'true').length;
    expect(summary.sla.imported).toEqual({ measured: 52, met: made });
    expect(summary.sla.rate).toBeCloseTo(made / 52, 6);
  });

  it('measures native incidents by their own clocks once resolved or closed: met when no clock breached', async () => {
    const policy = await admin.post('/api/v1/sla-policies', {
      name: 'Native incidents',
      recordType: 'incident',
      conditions: { categories: ['native-sla'] },
      targets: [
        {
          key: 'resolution',
          label: { en: 'Resolution', 'zh-CN': '解决' },
          stopOn: ['resolved', 'closed'],
          minutesByPriority: {},
          defaultMinutes: 60,
        },
      ],
    });
    expect(policy.status).toBe(201);
    const raise = async () =>
      (await admin.post<RecordItem>('/api/v1/incidents', { title: 'native', category: 'native-sla', impact: 2, urgency: 2 })).body;
    const [met, missed, open] = [await raise(), await raise(), await raise()];
    const db = server.db.kysely;
    await db
      .updateTable('records')
      .set({ state: 'closed', state_category: 'closed' })
      .where('number', 'in', [met.number, missed.number])
      .execute();
    const missedId = (await db.selectFrom('records').select('id').where('number', '=', missed.number).executeTakeFirstOrThrow()).id;
    await db.updateTable('sla_clocks').set({ breached: 1 }).where('record_id', '=', missedId).execute();
    expect(open.state).toBe('new');
    const summary = (await admin.get<RecordSummary>('/api/v1/reports/incidents/summary')).body;
    expect(summary.sla.native).toEqual({ measured: 2, met: 1 });
    expect(summary.sla.measured).toBe(summary.sla.imported.measured + 2);
  });

  it('limits the figures to records opened in [from, to)', async () => {
    const reply = await admin.get<RecordSummary>('/api/v1/reports/incidents/summary?from=2016-02-29T05:00:00Z&to=2016-02-29T07:00:00Z');
    const expected = await server.db.kysely
      .selectFrom('records')
      .select('id')
      .where('opened_at', '>=', Date.UTC(2016, 1, 29, 5))
      .where('opened_at', '<', Date.UTC(2016, 1, 29, 7))
      .execute();
    expect(expected.length).toBeGreaterThan(0);
    expect(reply.body.records).toBe(expected.length);
    expect((await admin.get('/api/v1/reports/incidents/summary?from=yesterday')).status).toBe(400);
  });
});
