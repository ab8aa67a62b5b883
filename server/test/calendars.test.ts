import type { Calendar, Page } from '@keel/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, problemOf } from './client.js';
import { adminClient, createUser } from './factories.js';
import { startTestServer, type TestServer } from './harness.js';

let server: TestServer;
let admin: Client;

const office = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '18:00' },
];
const shanghaiOffice = { timeZone: 'Asia/Shanghai', weekly: [office, office, office, office, office, [], []] };

beforeAll(async () => {
  server = await startTestServer();
  admin = await adminClient(server);
});
afterAll(async () => server?.close());

async function createCalendar(name: string, statutoryRegion: 'CN' | null = 'CN') {
  const reply = await admin.post<Calendar>('/api/v1/calendars', { name, definition: shanghaiOffice, statutoryRegion });
  expect(reply.status).toBe(201);
  return reply.body;
}

const due = (id: number, from: string, minutes: number) =>
  admin.get<{ due: string }>(`/api/v1/calendars/${id}/due?from=${encodeURIComponent(from)}&minutes=${minutes}`);

describe('business calendars', () => {
  it('answers when working time ends, skipping the Spring Festival and working the make-up Saturday', async () => {
    const calendar = await createCalendar('上海办公时间 Shanghai office');
    expect((await due(calendar.id, '2026-02-13T17:00:00+08:00', 120)).body.due).toBe('2026-02-14T02:00:00.000Z');
    expect((await due(calendar.id, '2026-02-14T17:00:00+08:00', 120)).body.due).toBe('2026-02-24T02:00:00.000Z');
    expect((await due(calendar.id, '2026-11-27T17:00:00+08:00', 0)).body.due).toBe('2026-11-27T09:00:00.000Z');
  });

  it('ignores the statutory schedule when the calendar does not follow one', async () => {
    const calendar = await createCalendar('Plain weekdays', null);
    expect((await due(calendar.id, '2026-02-16T09:00:00+08:00', 60)).body.due).toBe('2026-02-16T02:00:00.000Z');
  });

  it('refuses malformed definitions with the reason', async () => {
    const cases = [
      { ...shanghaiOffice, timeZone: 'Mars/Olympus' },
      { ...shanghaiOffice, weekly: [office] },
      { ...shanghaiOffice, weekly: [[{ start: '18:00', end: '09:00' }], [], [], [], [], [], []] },
      {
        ...shanghaiOffice,
        weekly: [
          [
            { start: '09:00', end: '12:00' },
            { start: '11:00', end: '13:00' },
          ],
          [],
          [],
          [],
          [],
          [],
          [],
        ],
      },
      { ...shanghaiOffice, weekly: [[{ start: '9am', end: '12:00' }], [], [], [], [], [], []] },
      { ...shanghaiOffice, holidays: ['2026-02-30'] },
    ];
    for (const definition of cases) {
      const reply = await admin.post('/api/v1/calendars', { name: `Bad ${Math.random()}`, definition });
      expect(reply.status, JSON.stringify(definition)).toBe(400);
      expect(problemOf(reply).errors?.length).toBeGreaterThan(0);
    }
  });

  it('answers 409 when a calendar has no working time at all', async () => {
    const closed = await admin.post<Calendar>('/api/v1/calendars', {
      name: 'Never open',
      definition: { ...shanghaiOffice, weekly: [[], [], [], [], [], [], []] },
    });
    const reply = await due(closed.body.id, '2026-11-27T09:00:00+08:00', 1);
    expect(reply.status).toBe(409);
  });

  it('refuses bad due queries', async () => {
    const calendar = await createCalendar('Query checks');
    expect((await admin.get(`/api/v1/calendars/${calendar.id}/due?from=yesterday&minutes=5`)).status).toBe(400);
    expect((await admin.get(`/api/v1/calendars/${calendar.id}/due?from=2026-01-01T00:00:00Z&minutes=-5`)).status).toBe(400);
    expect((await admin.get('/api/v1/calendars/999999/due?from=2026-01-01T00:00:00Z&minutes=5')).status).toBe(404);
  });

  it('edits a calendar with If-Match, lists it and deletes it, all audited', async () => {
    const calendar = await createCalendar('Editable');
    const stale = `"v${calendar.version}"`;
    const edited = await admin.patch<Calendar>(`/api/v1/calendars/${calendar.id}`, { description: '含调休' }, { 'if-match': stale });
    expect(edited.status).toBe(200);
    expect((await admin.patch(`/api/v1/calendars/${calendar.id}`, { description: 'lost' }, { 'if-match': stale })).status).toBe(412);
    const list = await admin.get<Page<Calendar>>('/api/v1/calendars?q=Editable');
    expect(list.body.items.map((c) => c.id)).toEqual([calendar.id]);
    expect((await admin.delete(`/api/v1/calendars/${calendar.id}`)).status).toBe(204);
    const events = await admin.get<Page<{ action: string }>>(`/api/v1/audit/events?objectType=calendar&objectId=${calendar.id}`);
    expect(events.body.items.map((e) => e.action)).toEqual(['calendar.deleted', 'calendar.updated', 'calendar.created']);
  });

  it('lets agents read calendars but not change them', async () => {
    const calendar = await createCalendar('Read only for agents');
    const { client: agent } = await createUser(server, admin, { roles: ['agent'] });
    expect((await agent.get(`/api/v1/calendars/${calendar.id}`)).status).toBe(200);
    expect((await agent.patch(`/api/v1/calendars/${calendar.id}`, { description: 'x' })).status).toBe(403);
    expect((await agent.put('/api/v1/statutory-schedules/CN/2027', {})).status).toBe(403);
  });
});

describe('statutory schedules', () => {
  const year2027 = {
    region: 'CN',
    year: 2027,
    source: 'Test notice for 2027',
    holidays: [{ from: '2027-01-01', to: '2027-01-03', name: { 'zh-CN': '元旦', en: "New Year's Day" } }],
    workdays: [{ date: '2027-01-09', name: { 'zh-CN': '元旦调休', en: 'Make-up day' } }],
  };

  it('ships China 2025 and 2026 and imports another year that calendars then follow', async () => {
    const shipped = await admin.get<{ items: { year: number; origin: string }[] }>('/api/v1/statutory-schedules/CN');
    expect(shipped.body.items.map((y) => `${y.year}:${y.origin}`)).toEqual(['2025:shipped', '2026:shipped']);
    const imported = await admin.put<{ items: { year: number; origin: string }[] }>('/api/v1/statutory-schedules/CN/2027', year2027);
    expect(imported.status).toBe(200);
    expect(imported.body.items.map((y) => `${y.year}:${y.origin}`)).toContain('2027:imported');
    const calendar = await createCalendar('Follows 2027');
    // Thursday 31 Dec 2026 17:00 + 2 h: 1 Jan 2027 (Friday) is now a holiday, so Monday 4 Jan.
    expect((await due(calendar.id, '2026-12-31T17:00:00+08:00', 120)).body.due).toBe('2027-01-04T02:00:00.000Z');
    // Saturday 9 Jan 2027 is a make-up working day.
    expect((await due(calendar.id, '2027-01-08T17:00:00+08:00', 120)).body.due).toBe('2027-01-09T02:00:00.000Z');
  });

  it('refuses a year whose dates lie outside it, or a body for another path', async () => {
    const stray = { ...year2027, workdays: [{ date: '2026-12-31', name: { 'zh-CN': '调休', en: 'Make-up day' } }] };
    expect((await admin.put('/api/v1/statutory-schedules/CN/2027', stray)).status).toBe(400);
    expect((await admin.put('/api/v1/statutory-schedules/CN/2028', year2027)).status).toBe(400);
    expect((await admin.put('/api/v1/statutory-schedules/US/2027', year2027)).status).toBe(400);
  });
});
