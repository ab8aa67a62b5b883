import type { Agreement, AgreementReview, Group, Notification, Page, Service, SlaPolicy } from '@keel/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepAgreements } from '../src/modules/agreements/sweep.js';
import { RECORD_TYPES } from '../src/modules/record-types.js';
import { type Client, problemOf } from './client.js';
import { adminClient, createOrganisation, createRecord, createUser } from './factories.js';
import { startTestServer, type TestServer } from './harness.js';

let server: TestServer;
let admin: Client;
let counter = 0;
const name = (prefix: string) => `${prefix} ${Date.now().toString(36)}${counter++}`;
const DAY = 86_400_000;

const minutes = { '1': 30, '2': 60, '3': 240, '4': 480, '5': 960 };
const resolution = {
  key: 'resolution',
  label: { 'zh-CN': '解决', en: 'Resolution' },
  stopOn: ['resolved', 'closed'],
  minutesByPriority: minutes,
};
const response = {
  ...resolution,
  key: 'response',
  label: { 'zh-CN': '响应', en: 'Response' },
  stopOn: ['active'],
  minutesByPriority: { '1': 10, '2': 20 },
};

beforeAll(async () => {
  server = await startTestServer();
  admin = await adminClient(server);
});
afterAll(async () => server?.close());

async function createService(body: Record<string, unknown> = {}): Promise<Service> {
  const reply = await admin.post<Service>('/api/v1/services', { name: name('Service'), status: 'live', ...body });
  if (reply.status !== 201) throw new Error(`service: ${reply.status} ${reply.text}`);
  return reply.body;
}

async function createAgreement(body: Record<string, unknown>): Promise<Agreement> {
  const reply = await admin.post<Agreement>('/api/v1/agreements', {
    name: name('Agreement'),
    validFrom: new Date().toISOString(),
    ...body,
  });
  if (reply.status !== 201) throw new Error(`agreement: ${reply.status} ${reply.text}`);
  return reply.body;
}

describe('agreements', () => {
  it('refuses writes without services.manage, unknown fields, and incomplete agreements, naming the field', async () => {
    const service = await createService();
    const { client: agent } = await createUser(server, admin, { roles: ['agent'] });
    const base = { name: name('Bad'), serviceId: service.id, validFrom: '2026-01-01T00:00:00Z' };
    expect((await agent.post('/api/v1/agreements', { ...base, kind: 'uc', supplierName: 'ACME' })).status).toBe(403);
    expect((await agent.get('/api/v1/agreements')).status).toBe(200);
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: 'sla' }, 'organisationId'],
      [{ kind: 'ola' }, 'groupId'],
      [{ kind: 'uc' }, 'supplierName'],
      [{ kind: 'uc', supplierName: 'ACME', validTo: '2025-12-31T00:00:00Z' }, 'validTo'],
      [{ kind: 'uc', supplierName: 'ACME', targets: [{ ...resolution, minutesByPriority: { '1': 0 } }] }, 'targets.0.minutesByPriority.1'],
      [{ kind: 'uc', supplierName: 'ACME', penalty: 5 }, ''],
      [{ kind: 'uc', supplierName: 'ACME', organisationId: 999_999 }, 'organisationId'],
      [{ kind: 'uc', supplierName: 'ACME', recordType: 'nope' }, 'recordType'],
    ];
    for (const [body, path] of cases) {
      const reply = await admin.post('/api/v1/agreements', { ...base, ...body });
      expect(reply.status, JSON.stringify(body)).toBe(400);
      if (path) expect(problemOf(reply).errors?.map((e) => e.path)).toContain(path);
    }
    const retired = await createService({ status: 'retired' });
    const onRetired = await admin.post('/api/v1/agreements', { ...base, serviceId: retired.id, kind: 'uc', supplierName: 'ACME' });
    expect(problemOf(onRetired).errors?.[0]?.path).toBe('serviceId');
    const org = await createOrganisation(admin);
    const emptyActive = await admin.post('/api/v1/agreements', { ...base, kind: 'sla', organisationId: org.id, status: 'active' });
    expect(problemOf(emptyActive).errors?.[0]?.path).toBe('targets');
  });

  it('makes an active SLA run clocks on its service’s incidents for its customer, and nobody else’s', async () => {
    const org = await createOrganisation(admin);
    const other = await createOrganisation(admin);
    const alice = await createUser(server, admin, { kind: 'customer', organisationId: org.id });
    const bob = await createUser(server, admin, { kind: 'customer', organisationId: other.id });
    const service = await createService({ customerIds: [org.id, other.id] });
    const sla = await createAgreement({
      kind: 'sla',
      serviceId: service.id,
      organisationId: org.id,
      status: 'active',
      targets: [response, resolution],
    });
    expect(sla.slaPolicyId).not.toBeNull();
    const policy = await admin.get<SlaPolicy>(`/api/v1/sla-policies/${sla.slaPolicyId}`);
    expect(policy.body).toMatchObject({
      recordType: 'incident',
      active: true,
      conditions: { serviceIds: [service.id], organisationIds: [org.id] },
    });
    const covered = await createRecord(alice.client, 'incidents', { title: '邮箱无法登录', serviceId: service.id, impact: 1, urgency: 1 });
    expect(covered.priority).toBe(1);
    expect(covered.sla.map((c) => [c.target, c.targetMinutes])).toEqual([
      ['response', 10],
      ['resolution', 30],
    ]);
    const low = await createRecord(alice.client, 'incidents', { title: 'Slow', serviceId: service.id, impact: 3, urgency: 3 });
    expect(low.sla.map((c) => [c.target, c.targetMinutes])).toEqual([['resolution', minutes[String(low.priority) as '5']]]);
    const otherCustomer = await createRecord(bob.client, 'incidents', { title: 'Also mail', serviceId: service.id, impact: 1, urgency: 1 });
    expect(otherCustomer.sla).toEqual([]);
    const otherService = await createRecord(alice.client, 'incidents', { title: 'Printer', impact: 1, urgency: 1 });
    expect(otherService.sla).toEqual([]);
  });

  it('makes an active OLA run clocks on records of its service assigned to its group', async () => {
    const service = await createService();
    const group = (await admin.post<Group>('/api/v1/groups', { name: name('Network team') })).body;
    const ola = await createAgreement({ kind: 'ola', serviceId: service.id, groupId: group.id, status: 'active', targets: [resolution] });
    const policy = await admin.get<SlaPolicy>(`/api/v1/sla-policies/${ola.slaPolicyId}`);
    expect(policy.body.conditions).toEqual({ serviceIds: [service.id], groupIds: [group.id] });
    const incident = await createRecord(admin, 'incidents', {
      title: 'Switch',
      serviceId: service.id,
      groupId: group.id,
      impact: 2,
      urgency: 2,
    });
    expect(incident.sla.map((c) => c.target)).toEqual(['resolution']);
    expect((await createRecord(admin, 'incidents', { title: 'No group', serviceId: service.id })).sla).toEqual([]);
  });

  it('keeps its policy in step: a draft has none, changed targets apply to new records, expiry stops it applying', async () => {
    const org = await createOrganisation(admin);
    const customer = await createUser(server, admin, { kind: 'customer', organisationId: org.id });
    const service = await createService({ customerIds: [org.id] });
    const draft = await createAgreement({ kind: 'sla', serviceId: service.id, organisationId: org.id, targets: [resolution] });
    expect(draft.slaPolicyId).toBeNull();
    expect((await createRecord(customer.client, 'incidents', { title: 'Draft', serviceId: service.id })).sla).toEqual([]);
    const active = await admin.patch<Agreement>(`/api/v1/agreements/${draft.id}`, { status: 'active' }, { 'if-match': '"v1"' });
    expect(active.status).toBe(200);
    const faster = { ...resolution, minutesByPriority: { ...minutes, '1': 15 } };
    const stale = await admin.patch(`/api/v1/agreements/${draft.id}`, { targets: [faster] }, { 'if-match': '"v1"' });
    expect(stale.status).toBe(412);
    await admin.patch(`/api/v1/agreements/${draft.id}`, { targets: [faster] }, { 'if-match': '"v2"' });
    const p1 = await createRecord(customer.client, 'incidents', { title: 'Faster', serviceId: service.id, impact: 1, urgency: 1 });
    expect(p1.sla.map((c) => c.targetMinutes)).toEqual([15]);
    const expired = await admin.patch<Agreement>(`/api/v1/agreements/${draft.id}`, { status: 'expired' });
    expect(expired.body.status).toBe('expired');
    expect((await admin.get<SlaPolicy>(`/api/v1/sla-policies/${active.body.slaPolicyId}`)).body.active).toBe(false);
    expect(
      (await createRecord(customer.client, 'incidents', { title: 'After', serviceId: service.id, impact: 1, urgency: 1 })).sla,
    ).toEqual([]);
    const audit = await admin.get<Page<{ action: string }>>(`/api/v1/audit/events?objectType=agreement&objectId=${draft.id}`);
    expect(audit.body.items.map((e) => e.action).sort()).toEqual([
      'agreement.created',
      'agreement.updated',
      'agreement.updated',
      'agreement.updated',
    ]);
    const nulled = await admin.patch(`/api/v1/agreements/${draft.id}`, { organisationId: null });
    expect(problemOf(nulled).errors?.[0]?.path).toBe('organisationId');
  });

  it('runs on the service hours by default, and follows the service when its hours change', async () => {
    const office = {
      timeZone: 'Asia/Shanghai',
      weekly: [0, 1, 2, 3, 4, 5, 6].map((d) => (d < 5 ? [{ start: '09:00', end: '18:00' }] : [])),
    };
    const hours = (await admin.post<{ id: number }>('/api/v1/calendars', { name: name('Office'), definition: office })).body;
    const later = (await admin.post<{ id: number }>('/api/v1/calendars', { name: name('Late shift'), definition: office })).body;
    const org = await createOrganisation(admin);
    const service = await createService({ calendarId: hours.id, customerIds: [org.id] });
    const own = (await admin.post<{ id: number }>('/api/v1/calendars', { name: name('Own'), definition: office })).body;
    const follows = await createAgreement({
      kind: 'sla',
      serviceId: service.id,
      organisationId: org.id,
      status: 'active',
      targets: [resolution],
    });
    const fixed = await createAgreement({
      kind: 'sla',
      serviceId: service.id,
      organisationId: org.id,
      calendarId: own.id,
      status: 'active',
      targets: [resolution],
    });
    const calendarOf = async (a: Agreement) => (await admin.get<SlaPolicy>(`/api/v1/sla-policies/${a.slaPolicyId}`)).body.calendarId;
    expect(await calendarOf(follows)).toBe(hours.id);
    expect(await calendarOf(fixed)).toBe(own.id);
    await admin.patch(`/api/v1/services/${service.id}`, { calendarId: later.id });
    expect(await calendarOf(follows)).toBe(later.id);
    expect(await calendarOf(fixed)).toBe(own.id);
  });

  it('refuses to activate an agreement whose validity has ended', async () => {
    const reply = await admin.post('/api/v1/agreements', {
      name: name('Old'),
      kind: 'uc',
      supplierName: '某供应商',
      serviceId: (await createService()).id,
      validFrom: '2020-01-01T00:00:00Z',
      validTo: '2021-01-01T00:00:00Z',
      status: 'active',
    });
    expect(problemOf(reply).errors?.[0]?.path).toBe('status');
  });

  it('records a review by the service owner, moving the next review on by the review period', async () => {
    const owner = await createUser(server, admin, { roles: ['agent'] });
    const stranger = await createUser(server, admin, { roles: ['agent'] });
    const service = await createService({ ownerId: owner.user.id });
    const validFrom = new Date(Date.now() - 370 * DAY).toISOString();
    const uc = await createAgreement({
      kind: 'uc',
      supplierName: '云服务商',
      supplierRef: 'C-2025-01',
      serviceId: service.id,
      validFrom,
      reviewEveryMonths: 6,
    });
    expect(uc).toMatchObject({ ownerId: owner.user.id, supplierId: null, supplierRef: 'C-2025-01' });
    expect((await stranger.client.post(`/api/v1/agreements/${uc.id}/reviews`, { notes: 'ok' })).status).toBe(403);
    expect((await owner.client.post(`/api/v1/agreements/${uc.id}/reviews`, {})).status).toBe(400);
    const reviewed = await owner.client.post<Agreement>(`/api/v1/agreements/${uc.id}/reviews`, { notes: '条款仍然适用' });
    expect(reviewed.status).toBe(200);
    // Due six months after the start (long past), then a year after: the first date still ahead.
    const next = Date.parse(reviewed.body.nextReviewAt);
    expect(next).toBeGreaterThan(Date.now());
    expect(new Date(next).getUTCDate()).toBe(new Date(validFrom).getUTCDate());
    expect(reviewed.body.lastReviewedAt).not.toBeNull();
    const reviews = await admin.get<{ items: AgreementReview[] }>(`/api/v1/agreements/${uc.id}/reviews`);
    expect(reviews.body.items.map((r) => [r.notes, r.reviewedBy])).toEqual([['条款仍然适用', owner.user.id]]);
    const audit = await admin.get<Page<{ action: string }>>(
      `/api/v1/audit/events?objectType=agreement&objectId=${uc.id}&action=agreement.reviewed`,
    );
    expect(audit.body.items).toHaveLength(1);
  });

  it('lists by kind, status and service, a page at a time', async () => {
    const service = await createService();
    const org = await createOrganisation(admin);
    await createAgreement({ name: 'A list', kind: 'uc', supplierName: 'X', serviceId: service.id });
    await createAgreement({ name: 'B list', kind: 'sla', organisationId: org.id, serviceId: service.id });
    await createAgreement({ name: 'C list', kind: 'uc', supplierName: 'Y', serviceId: service.id });
    const first = await admin.get<Page<Agreement>>(`/api/v1/agreements?serviceId=${service.id}&kind=uc&limit=1`);
    expect(first.body.items.map((a) => a.name)).toEqual(['A list']);
    const second = await admin.get<Page<Agreement>>(
      `/api/v1/agreements?serviceId=${service.id}&kind=uc&limit=1&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items.map((a) => a.name)).toEqual(['C list']);
    const drafts = await admin.get<Page<Agreement>>(`/api/v1/agreements?serviceId=${service.id}&status=draft&sort=-nextReviewAt`);
    expect(drafts.body.items).toHaveLength(3);
    expect((await admin.get('/api/v1/agreements?kind=xla')).status).toBe(400);
  });

  it('reminds the service owner once per review period, from 14 days before the review, in the app', async () => {
    const owner = await createUser(server, admin, { roles: ['agent'] });
    const service = await createService({ ownerId: owner.user.id });
    const agreement = await createAgreement({ kind: 'uc', supplierName: 'ISP', serviceId: service.id, reviewEveryMonths: 12 });
    const reviewAt = Date.parse(agreement.nextReviewAt);
    const sweep = (now: number) => sweepAgreements(server.db, { types: RECORD_TYPES, mail: false, now });
    const reminders = async () =>
      (await owner.client.get<Page<Notification>>('/api/v1/notifications')).body.items.filter(
        (n) => n.event === 'agreement_review_due' && n.record.number === `AGR-${agreement.id}`,
      );
    await sweep(reviewAt - 15 * DAY);
    expect(await reminders()).toEqual([]);
    await sweep(reviewAt - 13 * DAY);
    await sweep(reviewAt - 12 * DAY);
    await sweep(reviewAt + 30 * DAY);
    const first = await reminders();
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      record: { type: 'agreement', path: 'agreements', title: agreement.name },
      params: { reviewAt: agreement.nextReviewAt },
    });
    // Concurrent sweeps remind once too.
    await Promise.all([sweep(reviewAt + 31 * DAY), sweep(reviewAt + 31 * DAY)]);
    expect(await reminders()).toHaveLength(1);
    const reviewed = await owner.client.post<Agreement>(`/api/v1/agreements/${agreement.id}/reviews`, { notes: 'Renewed' });
    const nextAt = Date.parse(reviewed.body.nextReviewAt);
    expect(nextAt).toBeGreaterThan(reviewAt);
    await sweep(nextAt - 20 * DAY);
    expect(await reminders()).toHaveLength(1);
    await sweep(nextAt - 10 * DAY);
    expect(await reminders()).toHaveLength(2);
    const audit = await admin.get<Page<{ action: string }>>(
      `/api/v1/audit/events?objectType=agreement&objectId=${agreement.id}&action=agreement.review_reminded`,
    );
    expect(audit.body.items).toHaveLength(2);
  });

  it('expires an active agreement past its validity, and its policy stops applying', async () => {
    const org = await createOrganisation(admin);
    const customer = await createUser(server, admin, { kind: 'customer', organisationId: org.id });
    const service = await createService({ customerIds: [org.id] });
    const validTo = Date.now() + 3_600_000;
    const sla = await createAgreement({
      kind: 'sla',
      serviceId: service.id,
      organisationId: org.id,
      status: 'active',
      validTo: new Date(validTo).toISOString(),
      targets: [resolution],
    });
    await sweepAgreements(server.db, { types: RECORD_TYPES, mail: false, now: validTo - 1 });
    expect((await admin.get<Agreement>(`/api/v1/agreements/${sla.id}`)).body.status).toBe('active');
    const result = await sweepAgreements(server.db, { types: RECORD_TYPES, mail: false, now: validTo });
    expect(result.expired).toBeGreaterThanOrEqual(1);
    expect((await admin.get<Agreement>(`/api/v1/agreements/${sla.id}`)).body.status).toBe('expired');
    expect((await admin.get<SlaPolicy>(`/api/v1/sla-policies/${sla.slaPolicyId}`)).body.active).toBe(false);
    expect((await createRecord(customer.client, 'incidents', { title: 'Late', serviceId: service.id })).sla).toEqual([]);
  });
});
