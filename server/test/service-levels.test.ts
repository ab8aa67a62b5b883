import type { Agreement, Page, RecordItem, RecordLink, Service, ServiceLevelBreach, ServiceLevelReport, SlaClock } from '@keel/shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD_TYPES } from '../src/modules/record-types.js';
import { serviceLevelPdf } from '../src/modules/service-levels/pdf.js';
import { sweepSla } from '../src/platform/sla/sweep.js';
import { type Client, problemOf } from './client.js';
import { adminClient, createOrganisation, createRecord, createUser, type TestUser } from './factories.js';
import { rawExec, startTestServer, type TestServer } from './harness.js';

let server: TestServer;
let admin: Client;
let counter = 0;
const name = (prefix: string) => `${prefix} ${Date.now().toString(36)}${counter++}`;
const MIN = 60_000;
const DAY = 86_400_000;

const response = {
  key: 'response',
  label: { 'zh-CN': '响应', en: 'Response' },
  stopOn: ['active', 'resolved', 'closed'],
  minutesByPriority: { '1': 10 },
};
const resolution = {
  key: 'resolution',
  label: { 'zh-CN': '解决', en: 'Resolution' },
  stopOn: ['resolved', 'closed'],
  minutesByPriority: { '1': 60 },
};

beforeAll(async () => {
  server = await startTestServer();
  admin = await adminClient(server);
});
afterAll(async () => server?.close());

/** A live service with an active SLA for one customer organisation, and that customer. */
async function setup(): Promise<{ service: Service; agreement: Agreement; customer: TestUser }> {
  const org = await createOrganisation(admin);
  const customer = await createUser(server, admin, { kind: 'customer', organisationId: org.id });
  const service = (await admin.post<Service>('/api/v1/services', { name: name('邮件服务'), status: 'live', customerIds: [org.id] })).body;
  const reply = await admin.post<Agreement>('/api/v1/agreements', {
    name: name('Mail SLA'),
    kind: 'sla',
    serviceId: service.id,
    organisationId: org.id,
    status: 'active',
    validFrom: new Date(Date.now() - DAY).toISOString(),
    targets: [response, resolution],
  });
  if (reply.status !== 201) throw new Error(`agreement: ${reply.status} ${reply.text}`);
  return { service, agreement: reply.body, customer };
}

const incident = (customer: TestUser, serviceId: number, title: string) =>
  createRecord(admin, 'incidents', { title, serviceId, requesterId: customer.user.id, impact: 1, urgency: 1 });

const report = (client: Client, query: string) => client.get<ServiceLevelReport>(`/api/v1/service-levels/report?${query}`);
const clockOf = (record: RecordItem, target: string) => {
  const clock = record.sla.find((c) => c.target === target);
  if (!clock) throw new Error(`no ${target} clock on ${record.number}`);
  return clock;
};
/** Shanghai (the admin's zone) local date of an instant. */
const shanghaiDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
const at = (iso: string) => Date.parse(iso);

describe('service level report', () => {
  it('counts clocks met through the workflow and breached by the sweeper', async () => {
    const { service, agreement, customer } = await setup();
    const { user: agent } = await createUser(server, admin, { roles: ['agent'] });
    const fast = await incident(customer, service.id, '邮箱无法登录');
    const slow = await incident(customer, service.id, 'Mail queue stuck');
    expect(fast.sla.map((c) => c.target).sort()).toEqual(['resolution', 'response']);
    // fast: answered at once (response met); slow: nobody answers, the sweeper breaches both targets.
    await admin.patch(`/api/v1/incidents/${fast.number}`, { assigneeId: agent.id });
    expect((await admin.post(`/api/v1/incidents/${fast.number}/transitions`, { action: 'start' })).status).toBe(200);
    const opened = Date.parse(slow.openedAt);
    await sweepSla(server.db, { types: RECORD_TYPES, mail: false, now: opened + 61 * MIN });

    const from = shanghaiDate(opened - DAY);
    const to = shanghaiDate(opened + DAY);
    const reply = await report(admin, `agreementId=${agreement.id}&from=${from}&to=${to}&bucket=week`);
    expect(reply.status).toBe(200);
    const byKey = Object.fromEntries(reply.body.targets.map((t) => [t.key, t]));
    // fast's resolution clock is still running and not due: it counts nowhere; but the sweep at +61 min breached it too.
    expect(byKey.response).toMatchObject({ total: 2, met: 1, breached: 1, attainment: 50, label: { en: 'Response', 'zh-CN': '响应' } });
    expect(byKey.resolution).toMatchObject({ total: 2, met: 0, breached: 2, attainment: 0 });
    expect(reply.body.breaches.items.map((b) => `${b.record.number}/${b.target.key}`).sort()).toEqual(
      [`${fast.number}/resolution`, `${slow.number}/resolution`, `${slow.number}/response`].sort(),
    );
    // The same period by service finds the same clocks.
    const byService = await report(admin, `serviceId=${service.id}&from=${from}&to=${to}`);
    expect(byService.body.targets).toEqual(reply.body.targets);
  });

  it('places each outcome in its period in the caller’s time zone, with exact attainment and trend', async () => {
    const { service, agreement, customer } = await setup();
    const records: RecordItem[] = [];
    for (const title of ['A', 'B', 'C', 'D']) records.push(await incident(customer, service.id, `Placed ${title}`));
    const [a, b, c, d] = records as [RecordItem, RecordItem, RecordItem, RecordItem];
    const met = (record: RecordItem, target: string, iso: string) =>
      rawExec(
        server.db,
        `update sla_clocks set state = 'stopped', breached = 0, stopped_at = ${at(iso)}, due_at = null where id = ${clockOf(record, target).id}`,
      );
    const breached = (record: RecordItem, target: string, iso: string, state = 'running') =>
      rawExec(
        server.db,
        `update sla_clocks set state = '${state}', breached = 1, breached_at = ${at(iso)}, due_at = ${at(iso)}, stopped_at = null where id = ${clockOf(record, target).id}`,
      );
    await met(a, 'response', '2026-01-10T02:00:00Z');
    await breached(a, 'resolution', '2026-01-20T00:00:00Z');
    await breached(b, 'response', '2026-02-05T00:00:00Z', 'stopped');
    await met(b, 'resolution', '2026-02-06T00:00:00Z');
    await met(c, 'response', '2026-02-10T00:00:00Z');
    // c's resolution stays running, not due: it counts nowhere.
    await rawExec(server.db, `update sla_clocks set due_at = ${at('2026-03-01T00:00:00Z')} where id = ${clockOf(c, 'resolution').id}`);
    // Shanghai is UTC+8: 15:59 UTC on 31 December is still 2025 there, 16:00 UTC is already 1 January.
    await met(d, 'response', '2025-12-31T15:59:00Z');
    await met(d, 'resolution', '2025-12-31T16:00:00Z');

    const reply = await report(admin, `agreementId=${agreement.id}&from=2026-01-01&to=2026-02-28&bucket=month`);
    expect(reply.status).toBe(200);
    expect(reply.body.timeZone).toBe('Asia/Shanghai');
    expect(reply.body.targets).toEqual([
      { key: 'resolution', label: { en: 'Resolution', 'zh-CN': '解决' }, total: 3, met: 2, breached: 1, attainment: 66.7 },
      { key: 'response', label: { en: 'Response', 'zh-CN': '响应' }, total: 3, met: 2, breached: 1, attainment: 66.7 },
    ]);
    expect(reply.body.trend).toEqual([
      {
        start: '2026-01-01',
        end: '2026-01-31',
        targets: [
          { key: 'resolution', total: 2, met: 1, attainment: 50 },
          { key: 'response', total: 1, met: 1, attainment: 100 },
        ],
      },
      {
        start: '2026-02-01',
        end: '2026-02-28',
        targets: [
          { key: 'resolution', total: 1, met: 1, attainment: 100 },
          { key: 'response', total: 2, met: 1, attainment: 50 },
        ],
      },
    ]);
    expect(reply.body.breaches.items.map((x) => [x.record.number, x.target.key, x.breachedAt])).toEqual([
      [b.number, 'response', '2026-02-05T00:00:00.000Z'],
      [a.number, 'resolution', '2026-01-20T00:00:00.000Z'],
    ]);

    // Breaches page with a cursor, newest first.
    const first = await admin.get<Page<ServiceLevelBreach>>(
      `/api/v1/service-levels/breaches?agreementId=${agreement.id}&from=2026-01-01&to=2026-02-28&limit=1`,
    );
    expect(first.body.items.map((x) => x.record.number)).toEqual([b.number]);
    const second = await admin.get<Page<ServiceLevelBreach>>(
      `/api/v1/service-levels/breaches?agreementId=${agreement.id}&from=2026-01-01&to=2026-02-28&limit=1&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items.map((x) => x.record.number)).toEqual([a.number]);
    expect(second.body.nextCursor).toBeNull();

    // A period with nothing measured: attainment is null, not 0 or 100.
    const empty = await report(admin, `agreementId=${agreement.id}&from=2025-06-01&to=2025-06-30&bucket=week`);
    expect(empty.body.targets).toEqual([]);
    expect(empty.body.trend.every((x) => x.targets.length === 0)).toBe(true);
    // The weekly trend of the same period: ISO weeks, the first cut to the period.
    const weekly = await report(admin, `agreementId=${agreement.id}&from=2026-01-01&to=2026-02-28&bucket=week`);
    expect(weekly.body.trend[0]).toMatchObject({ start: '2026-01-01', end: '2026-01-04' });
    expect(weekly.body.trend[1]).toMatchObject({ start: '2026-01-05', end: '2026-01-11' });
    expect(weekly.body.trend.flatMap((x) => x.targets).reduce((n, x) => n + x.total, 0)).toBe(6);

    // Breach reasons: only on a breach; journalled and audited; shown in the report.
    const { client: agent } = await createUser(server, admin, { roles: ['agent'] });
    const notBreached = await agent.put(`/api/v1/incidents/${a.number}/sla/response/breach-reason`, { reason: 'n/a' });
    expect(notBreached.status).toBe(409);
    expect((await agent.put(`/api/v1/incidents/${a.number}/sla/nope/breach-reason`, { reason: 'x' })).status).toBe(404);
    expect((await agent.put(`/api/v1/incidents/${a.number}/sla/resolution/breach-reason`, { reason: '  ' })).status).toBe(400);
    const saved = await agent.put<SlaClock>(`/api/v1/incidents/${a.number}/sla/resolution/breach-reason`, {
      reason: '供应商备件延迟 vendor part late',
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ target: 'resolution', breached: true, breachReason: '供应商备件延迟 vendor part late' });
    expect(clockOf((await admin.get<RecordItem>(`/api/v1/incidents/${a.number}`)).body, 'resolution').breachReason).toBe(
      '供应商备件延迟 vendor part late',
    );
    const journal = await admin.get<{ items: { kind: string; visibility: string; body: string; data: { event?: string } }[] }>(
      `/api/v1/incidents/${a.number}/journal`,
    );
    expect(journal.body.items.filter((e) => e.data.event === 'breach_reason').map((e) => [e.visibility, e.body])).toEqual([
      ['internal', '供应商备件延迟 vendor part late'],
    ]);
    const audit = await admin.get<{ items: unknown[] }>(
      `/api/v1/audit/events?action=sla.breach_reason_recorded&objectType=incident&objectId=${a.id}`,
    );
    expect(audit.body.items.length).toBe(1);
    const withReason = await report(admin, `agreementId=${agreement.id}&from=2026-01-01&to=2026-02-28`);
    expect(withReason.body.breaches.items.find((x) => x.record.number === a.number)?.reason).toBe('供应商备件延迟 vendor part late');

    // Raise improvement: once, linked, and shown against the breach.
    const breach = withReason.body.breaches.items.find((x) => x.record.number === a.number);
    if (!breach) throw new Error('no breach');
    expect((await agent.post(`/api/v1/service-levels/breaches/${breach.clockId}/improvement`, {})).status).toBe(403);
    const raised = await admin.post<RecordItem>(`/api/v1/service-levels/breaches/${breach.clockId}/improvement`, {});
    expect(raised.status, raised.text).toBe(201);
    expect(raised.body).toMatchObject({ type: 'improvement', state: 'proposed', extension: { sourceKind: 'sla_breach' } });
    expect(raised.body.number).toMatch(/^IMP-\d{6}$/);
    expect(raised.body.title).toBe(`SLA 违约：${a.number} 的解决`);
    expect(raised.body.description).toContain('供应商备件延迟 vendor part late');
    const again = await admin.post<RecordItem>(`/api/v1/service-levels/breaches/${breach.clockId}/improvement`, { title: 'Other' });
    expect(again.status).toBe(200);
    expect(again.body.number).toBe(raised.body.number);
    const links = await admin.get<{ items: RecordLink[] }>(`/api/v1/incidents/${a.number}/links`);
    expect(links.body.items.map((l) => [l.kind, l.direction, l.other.number])).toEqual([
      ['raised_improvement', 'outgoing', raised.body.number],
    ]);
    const improvements = await admin.get<Page<RecordItem>>('/api/v1/improvements');
    expect(improvements.body.items.filter((r) => r.number === raised.body.number).length).toBe(1);
    const after = await report(admin, `agreementId=${agreement.id}&from=2026-01-01&to=2026-02-28`);
    expect(after.body.breaches.items.find((x) => x.clockId === breach.clockId)?.improvement?.number).toBe(raised.body.number);
    // A met clock raises nothing.
    const metClock = clockOf(a, 'response').id;
    expect((await admin.post(`/api/v1/service-levels/breaches/${metClock}/improvement`, {})).status).toBe(409);
    expect((await admin.post('/api/v1/service-levels/breaches/99999999/improvement', {})).status).toBe(404);

    // Excel: three sheets in the caller's language, Chinese intact.
    const xlsx = await fetch(`${server.url}/api/v1/service-levels/report.xlsx?agreementId=${agreement.id}&from=2026-01-01&to=2026-02-28`, {
      headers: { cookie: admin.cookie ?? '' },
    });
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    expect(book.worksheets.map((s) => s.name)).toEqual(['目标', '违约记录', '趋势']);
    expect(book.worksheets[0]?.getRow(2).values).toEqual([undefined, '解决', 3, 2, 1, 66.7]);
    const breachRows = book.worksheets[1]?.getSheetValues().flat() ?? [];
    expect(breachRows).toContain('供应商备件延迟 vendor part late');
    expect(breachRows).toContain(raised.body.number);
    expect(book.worksheets[2]?.getRow(2).values).toEqual([undefined, '2026-01-01', '2026-01-31', 50, 100]);
    const exported = await admin.get<{ items: unknown[] }>('/api/v1/audit/events?action=service_level.report_exported');
    expect(exported.body.items.length).toBe(1);

    // PDF: a PDF, with the CJK font embedded.
    const pdf = await fetch(`${server.url}/api/v1/service-levels/report.pdf?agreementId=${agreement.id}&from=2026-01-01&to=2026-02-28`, {
      headers: { cookie: admin.cookie ?? '' },
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toContain('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(bytes.toString('latin1')).toContain('NotoSansCJKsc-Regular');
  });

  it('refuses callers without sla.read, bad periods naming the field, and a missing PDF font', async () => {
    const org = await createOrganisation(admin);
    const customer = await createUser(server, admin, { kind: 'customer', organisationId: org.id });
    const period = 'from=2026-01-01&to=2026-01-31';
    expect((await report(customer.client, period)).status).toBe(403);
    const role = await admin.post('/api/v1/roles', {
      key: `norep${Date.now().toString(36)}`,
      name: name('No reports'),
      permissions: ['incidents.read'],
    });
    expect(role.status).toBe(201);
    const { client: limited } = await createUser(server, admin, { roles: [(role.body as { key: string }).key] });
    expect((await report(limited, period)).status).toBe(403);
    expect((await limited.get(`/api/v1/service-levels/report.xlsx?${period}`)).status).toBe(403);
    const { client: agent } = await createUser(server, admin, { roles: ['agent'] });
    const agentReply = await report(agent, period);
    expect(agentReply.status, agentReply.text).toBe(200);

    const backwards = await report(admin, 'from=2026-02-01&to=2026-01-01');
    expect(backwards.status).toBe(400);
    expect(problemOf(backwards).errors?.[0]?.path).toBe('from');
    const tooLong = await report(admin, 'from=2024-01-01&to=2026-01-31&bucket=week');
    expect(problemOf(tooLong).errors?.[0]?.path).toBe('to');
    expect(problemOf(await report(admin, `${period}&bucket=day`)).errors?.[0]?.path).toBe('bucket');
    expect(problemOf(await report(admin, `${period}&recordType=nope`)).errors?.[0]?.path).toBe('recordType');
    expect(problemOf(await report(admin, 'from=2026-13-01&to=2026-12-31')).errors?.[0]?.path).toBe('from');
    expect((await report(admin, `${period}&agreementId=99999999`)).status).toBe(404);

    const noFont = serviceLevelPdf(
      {
        from: '2026-01-01',
        to: '2026-01-31',
        bucket: 'month',
        timeZone: 'UTC',
        targets: [],
        trend: [],
        breaches: { items: [], nextCursor: null },
      },
      'en',
      { service: null, agreement: null },
      '/nonexistent/NotoSansCJK-Regular.ttc',
    );
    await expect(noFont).rejects.toMatchObject({ code: 'pdf_font_missing', status: 503 });
  });
});
