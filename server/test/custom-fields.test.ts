import type { CustomField, RecordFields, RecordItem } from '@keel/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldsOfType } from '../src/platform/records/custom-fields/definitions.js';
import { checkCustomValues } from '../src/platform/records/custom-fields/values.js';
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

const label = (en: string, zh: string) => ({ en, 'zh-CN': zh });
let serial = 0;
const key = (base: string) => `${base}_${++serial}`;

async function addField(body: Record<string, unknown>) {
  const reply = await admin.post<CustomField>('/api/v1/custom-fields', { recordType: 'task', ...body });
  expect(reply.status).toBe(201);
  return reply.body;
}

describe('custom fields: administration', () => {
  it('lets only holders of records.configure define fields, and checks the definition', async () => {
    const { client: agent } = await createUser(server, admin, { roles: ['agent'] });
    const body = { recordType: 'task', key: key('site'), label: label('Site', '站点'), kind: 'text' };
    expect((await agent.post('/api/v1/custom-fields', body)).status).toBe(403);
    expect((await agent.get('/api/v1/custom-fields')).status).toBe(403);
    expect(problemOf(await admin.post('/api/v1/custom-fields', { ...body, recordType: 'nope' })).errors?.[0]?.path).toBe('recordType');
    expect(problemOf(await admin.post('/api/v1/custom-fields', { ...body, kind: 'choice' })).errors?.[0]?.path).toBe('options.choices');
    expect((await admin.post('/api/v1/custom-fields', { ...body, key: 'Bad Key' })).status).toBe(400);
    expect((await admin.post('/api/v1/custom-fields', { ...body, kind: 'reference', options: { recordType: 'nope' } })).status).toBe(400);
    expect((await admin.post('/api/v1/custom-fields', body)).status).toBe(201);
    expect((await admin.post('/api/v1/custom-fields', body)).status).toBe(409);
  });

  it('shows agents the active fields of a type in form order, with the type’s own fields', async () => {
    const { client: agent } = await createUser(server, admin, { roles: ['agent'] });
    const late = await addField({ key: key('late'), label: label('Late', '后'), kind: 'number', position: 900 });
    const early = await addField({ key: key('early'), label: label('Early', '前'), kind: 'date', position: 1 });
    const fields = await agent.get<RecordFields>('/api/v1/tasks/fields');
    const keys = fields.body.custom.map((f) => f.key);
    expect(keys.indexOf(early.key)).toBeLessThan(keys.indexOf(late.key));
    expect(fields.body.extension).toEqual([
      { key: 'dueAt', kind: 'time', required: false },
      { key: 'plannedMinutes', kind: 'number', required: false },
    ]);
    const retired = await admin.patch<CustomField>(`/api/v1/custom-fields/${late.id}`, { active: false }, { 'if-match': '"v1"' });
    expect(retired.body).toMatchObject({ active: false, version: 2 });
    expect((await agent.get<RecordFields>('/api/v1/tasks/fields')).body.custom.map((f) => f.key)).not.toContain(late.key);
    expect((await admin.patch(`/api/v1/custom-fields/${late.id}`, { position: 3 }, { 'if-match': '"v1"' })).status).toBe(412);
  });

  it('keeps a choice that records still use', async () => {
    const choices = [
      { key: 'bj', label: label('Beijing', '北京') },
      { key: 'sh', label: label('Shanghai', '上海') },
    ];
    const field = await addField({ key: key('city'), label: label('City', '城市'), kind: 'choice', options: { choices } });
    await admin.post('/api/v1/tasks', { title: 'Uses bj', custom: { [field.key]: 'bj' } });
    const dropUsed = await admin.patch(`/api/v1/custom-fields/${field.id}`, { options: { choices: [choices[1]] } });
    expect(dropUsed.status).toBe(409);
    const dropUnused = await admin.patch<CustomField>(`/api/v1/custom-fields/${field.id}`, { options: { choices: [choices[0]] } });
    expect(dropUnused.status).toBe(200);
  });
});

describe('custom fields and type fields on records', () => {
  it('validates every kind on write and returns the values with the record', async () => {
    const { user: person } = await createUser(server, admin, { roles: ['agent'] });
    const target = await admin.post<RecordItem>('/api/v1/tasks', { title: 'Referenced' });
    const f = {
      text: await addField({ key: key('note'), label: label('Note', '备注'), kind: 'text', options: { maxLength: 10 } }),
      number: await addField({ key: key('cost'), label: label('Cost', '成本'), kind: 'number', options: { min: 0, max: 100 } }),
      date: await addField({ key: key('golive'), label: label('Go-live', '上线日'), kind: 'date' }),
      user: await addField({ key: key('owner'), label: label('Owner', '负责人'), kind: 'user' }),
      reference: await addField({ key: key('parent'), label: label('Parent', '上级'), kind: 'reference', options: { recordType: 'task' } }),
    };
    const bad = await admin.post('/api/v1/tasks', {
      title: 'Bad values',
      custom: {
        [f.text.key]: 'more than ten characters',
        [f.number.key]: 101,
        [f.date.key]: '2026-02-30',
        [f.user.key]: 999_999,
        [f.reference.key]: 'TASK-999999',
        unknown_field: 'x',
      },
    });
    expect(bad.status).toBe(400);
    expect(
      problemOf(bad)
        .errors?.map((e) => e.path)
        .sort(),
    ).toEqual(
      [
        `custom.${f.text.key}`,
        `custom.${f.number.key}`,
        `custom.${f.date.key}`,
        `custom.${f.user.key}`,
        `custom.${f.reference.key}`,
        'custom.unknown_field',
      ].sort(),
    );
    const good = await admin.post<RecordItem>('/api/v1/tasks', {
      title: 'Good values',
      custom: {
        [f.text.key]: '机房A',
        [f.number.key]: 42.5,
        [f.date.key]: '2026-12-31',
        [f.user.key]: person.id,
        [f.reference.key]: target.body.number,
      },
      extension: { dueAt: '2026-12-01T09:00:00+08:00', plannedMinutes: 90 },
    });
    expect(good.status).toBe(201);
    expect(good.body.custom).toEqual({
      [f.text.key]: '机房A',
      [f.number.key]: 42.5,
      [f.date.key]: '2026-12-31',
      [f.user.key]: person.id,
      [f.reference.key]: target.body.number,
    });
    expect(good.body.extension).toEqual({ dueAt: '2026-12-01T01:00:00.000Z', plannedMinutes: 90 });
    const listed = await admin.get<{ items: RecordItem[] }>('/api/v1/tasks?limit=5');
    expect(listed.body.items.find((r) => r.number === good.body.number)?.custom[f.number.key]).toBe(42.5);
  });

  it('requires required fields on create and never lets them be cleared', async () => {
    const required = await addField({ key: key('must'), label: label('Must', '必填'), kind: 'text', required: true });
    const missing = await admin.post('/api/v1/tasks', { title: 'Missing' });
    expect(problemOf(missing).errors?.map((e) => e.path)).toContain(`custom.${required.key}`);
    const created = await admin.post<RecordItem>('/api/v1/tasks', { title: 'Given', custom: { [required.key]: 'yes' } });
    expect(created.status).toBe(201);
    const cleared = await admin.patch(`/api/v1/tasks/${created.body.number}`, { custom: { [required.key]: null } });
    expect(problemOf(cleared).errors?.[0]?.path).toBe(`custom.${required.key}`);
    await admin.patch(`/api/v1/custom-fields/${required.id}`, { active: false });
  });

  it('records changes to type and custom fields in the journal and the audit trail, and bumps the version once', async () => {
    const field = await addField({ key: key('rack'), label: label('Rack', '机柜'), kind: 'text' });
    const created = await admin.post<RecordItem>('/api/v1/tasks', { title: 'Journal', custom: { [field.key]: 'R1' } });
    const path = `/api/v1/tasks/${created.body.number}`;
    const updated = await admin.patch<RecordItem>(
      path,
      { custom: { [field.key]: 'R2' }, extension: { plannedMinutes: 30 } },
      { 'if-match': '"v1"' },
    );
    expect(updated.body).toMatchObject({ version: 2, custom: { [field.key]: 'R2' }, extension: { plannedMinutes: 30, dueAt: null } });
    const same = await admin.patch<RecordItem>(path, { custom: { [field.key]: 'R2' } });
    expect(same.body.version).toBe(2);
    const journal = await admin.get<{ items: { kind: string; data: Record<string, unknown> }[] }>(`${path}/journal`);
    expect(journal.body.items[0]).toMatchObject({
      kind: 'field_change',
      data: { [`custom.${field.key}`]: ['R1', 'R2'], 'extension.plannedMinutes': [null, 30] },
    });
    const cleared = await admin.patch<RecordItem>(path, { custom: { [field.key]: null } });
    expect(cleared.body.custom).toEqual({});
  });

  it('rejects type fields of the wrong shape at the edge', async () => {
    expect(problemOf(await admin.post('/api/v1/tasks', { title: 'x', extension: { dueAt: 'tomorrow' } })).errors?.[0]?.path).toBe(
      'extension.dueAt',
    );
    expect((await admin.post('/api/v1/tasks', { title: 'x', extension: { colour: 'red' } })).status).toBe(400);
    expect((await admin.post('/api/v1/tasks', { title: 'x', extension: { plannedMinutes: -1 } })).status).toBe(400);
  });

  it('never lets a reference point at a record the writer cannot see', async () => {
    const org = await createOrganisation(admin);
    const other = await createOrganisation(admin);
    const { user: stranger } = await createUser(server, admin, { kind: 'customer', organisationId: other.id });
    const { user: me } = await createUser(server, admin, { kind: 'customer', organisationId: org.id });
    const hidden = await admin.post<RecordItem>('/api/v1/tasks', { title: 'Other org', requesterId: stranger.id });
    const mine = await admin.post<RecordItem>('/api/v1/tasks', { title: 'Mine', requesterId: me.id });
    const field = await addField({ key: key('ref'), label: label('Ref', '引用'), kind: 'reference', options: { recordType: 'task' } });
    const check = (number: string) =>
      server.db.kysely.transaction().execute(async (trx) =>
        checkCustomValues(
          trx,
          await fieldsOfType(trx, 'task'),
          { [field.key]: number },
          {
            mode: 'update',
            visibility: { scope: 'organisation', userId: me.id, organisationId: org.id },
          },
        ),
      );
    await expect(check(hidden.body.number)).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(check(mine.body.number)).resolves.toHaveLength(1);
    const ok = await admin.post<RecordItem>('/api/v1/tasks', { title: 'Staff see all', custom: { [field.key]: hidden.body.number } });
    expect(ok.status).toBe(201);
  });

  it('filters lists and exports on indexed custom fields, and refuses the others', async () => {
    const { user: owner } = await createUser(server, admin, { roles: ['agent'] });
    const site = await addField({ key: key('site'), label: label('Site', '站点'), kind: 'text', indexed: true });
    const cost = await addField({ key: key('cost'), label: label('Cost', '成本'), kind: 'number', indexed: true });
    const who = await addField({ key: key('who'), label: label('Who', '谁'), kind: 'user', indexed: true });
    const due = await addField({ key: key('due'), label: label('Due', '到期'), kind: 'date', indexed: true });
    const plain = await addField({ key: key('plain'), label: label('Plain', '普通'), kind: 'text' });
    const make = (title: string, custom: Record<string, unknown>) => admin.post<RecordItem>('/api/v1/tasks', { title, custom });
    await make('Beijing cheap', { [site.key]: '北京', [cost.key]: 10, [who.key]: owner.id, [due.key]: '2026-12-01' });
    await make('Beijing dear', { [site.key]: '北京', [cost.key]: 500, [due.key]: '2027-03-01' });
    await make('Shanghai', { [site.key]: '上海', [cost.key]: 50 });
    await make('Nowhere', {});
    const titles = async (query: string) =>
      (await admin.get<{ items: RecordItem[] }>(`/api/v1/tasks?limit=200&${query}`)).body.items
        .map((r) => r.title)
        .filter((t) => ['Beijing cheap', 'Beijing dear', 'Shanghai', 'Nowhere'].includes(t))
        .sort();
    expect(await titles(`custom.${site.key}=${encodeURIComponent('北京')}`)).toEqual(['Beijing cheap', 'Beijing dear']);
    expect(await titles(`custom.${cost.key}.gte=20&custom.${cost.key}.lte=100`)).toEqual(['Shanghai']);
    expect(await titles(`custom.${due.key}.lte=2026-12-31`)).toEqual(['Beijing cheap']);
    expect(await titles(`custom.${who.key}=${owner.id}`)).toEqual(['Beijing cheap']);
    expect(await titles(`custom.${site.key}.empty=true&q=Nowhere`)).toEqual(['Nowhere']);
    const refused: [string, string][] = [
      [`custom.${plain.key}=x`, `custom.${plain.key}`],
      ['custom.nope=x', 'custom.nope'],
      [`custom.${cost.key}=cheap`, `custom.${cost.key}`],
      [`custom.${site.key}.gte=a`, `custom.${site.key}.gte`],
      [`custom.${due.key}.lte=2026-02-30`, `custom.${due.key}.lte`],
      ['custom.Bad Key=x', 'custom.Bad Key'],
    ];
    for (const [query, param] of refused) {
      const reply = await admin.get(`/api/v1/tasks?${query.replace(' ', '%20')}`);
      expect(reply.status, query).toBe(400);
      expect(problemOf(reply).errors?.[0]?.path, query).toBe(param);
    }
    const csv = await admin.get(`/api/v1/tasks/export?format=csv&custom.${site.key}=${encodeURIComponent('上海')}`);
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('Shanghai');
    expect(csv.text).not.toContain('Beijing');
  });
});
