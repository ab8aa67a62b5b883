import type { ApprovalRequest, ChildRecord, Page, RecordItem, RequestableItem, RequestForm } from '@keel/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, problemOf } from './client.js';
import { adminClient, createOrganisation, createUser, type TestUser } from './factories.js';
import { startTestServer, type TestServer } from './harness.js';

// Service requests (P-6.1) over HTTP: raised from a catalogue item's form, approved by the
// requester's manager, the service owner or a group, fulfilled by child tasks, and kept from
// other organisations.
let server: TestServer;
let admin: Client;
let agent: TestUser;
let owner: TestUser;
let manager: TestUser;
let approverA: TestUser;
let approverB: TestUser;
let alice: TestUser;
let bob: TestUser;
let desk: number;
let approvers: number;
let laptop: number;
let mailbox: number;
let software: number;
let badge: number;

const FORM = {
  fields: [
    {
      key: 'model',
      label: { 'zh-CN': '型号', en: 'Model' },
      type: 'choice',
      required: true,
      options: [
        { value: 'light', label: { 'zh-CN': '轻薄', en: 'Light' } },
        { value: 'power', label: { 'zh-CN': '高性能', en: 'Power' } },
      ],
    },
    { key: 'quantity', label: { 'zh-CN': '数量', en: 'Quantity' }, type: 'number', required: true, min: 1, max: 5 },
    { key: 'needed_by', label: { 'zh-CN': '需要日期', en: 'Needed by' }, type: 'date', required: false },
    { key: 'cost_centre', label: { 'zh-CN': '成本中心', en: 'Cost centre' }, type: 'text', required: true, pattern: 'CC-[0-9]{4}' },
    {
      key: 'accessories',
      label: { 'zh-CN': '配件', en: 'Accessories' },
      type: 'multi_choice',
      options: [
        { value: 'mouse', label: { 'zh-CN': '鼠标', en: 'Mouse' } },
        { value: 'dock', label: { 'zh-CN': '扩展坞', en: 'Dock' } },
      ],
    },
  ],
};
const GOOD = { model: 'light', quantity: 2, needed_by: '2026-12-01', cost_centre: 'CC-1234', accessories: ['mouse'] };

/** Items are made through the service catalogue's API, as an administrator would. */
async function item(name: string, serviceId: number, approval: Record<string, unknown>, form: unknown = FORM) {
  const reply = await admin.post<{ id: number }>('/api/v1/catalogue-items', {
    serviceId,
    name,
    description: `${name} for staff`,
    category: 'hardware',
    form,
    fulfilmentGroupId: desk,
    approval,
  });
  expect(reply.status, reply.text).toBe(201);
  return reply.body.id;
}

beforeAll(async () => {
  server = await startTestServer();
  admin = await adminClient(server);
  const acme = await createOrganisation(admin);
  const other = await createOrganisation(admin);
  agent = await createUser(server, admin, { roles: ['agent'] });
  owner = await createUser(server, admin, { roles: ['service_manager'] });
  manager = await createUser(server, admin, { roles: ['agent'] });
  approverA = await createUser(server, admin, { roles: ['agent'] });
  approverB = await createUser(server, admin, { roles: ['agent'] });
  alice = await createUser(server, admin, { kind: 'customer', organisationId: acme.id });
  bob = await createUser(server, admin, { kind: 'customer', organisationId: other.id });
  const managed = await admin.patch(`/api/v1/users/${alice.user.id}`, { managerId: manager.user.id });
  expect(managed.status).toBe(200);
  desk = (await admin.post<{ id: number }>('/api/v1/groups', { name: `Desk ${Date.now()}`, memberIds: [agent.user.id] })).body.id;
  approvers = (
    await admin.post<{ id: number }>('/api/v1/groups', {
      name: `Approvers ${Date.now()}`,
      memberIds: [approverA.user.id, approverB.user.id],
    })
  ).body.id;
  const service = await admin.post<{ id: number }>('/api/v1/services', { name: 'Workplace 办公', status: 'live', ownerId: owner.user.id });
  expect(service.status, service.text).toBe(201);
  const workplace = service.body.id;
  laptop = await item('Laptop 笔记本', workplace, { kind: 'manager' });
  mailbox = await item('Shared mailbox', workplace, { kind: 'none' }, { fields: [] });
  software = await item('Software licence', workplace, { kind: 'service_owner' }, { fields: [] });
  badge = await item('Door badge', workplace, { kind: 'group', groupId: approvers }, { fields: [] });
});
afterAll(async () => server?.close());

const raise = async (who: Client, body: Record<string, unknown>) => {
  const reply = await who.post<RecordItem>('/api/v1/requests', body);
  expect(reply.status, reply.text).toBe(201);
  return reply.body;
};
const approvalsOf = async (who: Client, number: string) =>
  (await who.get<{ items: ApprovalRequest[] }>(`/api/v1/requests/${number}/approvals`)).body.items;
const vote = (who: Client, number: string, id: number, body: Record<string, unknown>) =>
  who.post<{ items: ApprovalRequest[] }>(`/api/v1/requests/${number}/approvals/${id}/votes`, body);
const children = async (number: string) =>
  (await agent.client.get<{ items: ChildRecord[] }>(`/api/v1/requests/${number}/children`)).body.items;

describe('raising a request from a catalogue item', () => {
  it('lists the requestable catalogue with forms, searchable, to customers', async () => {
    const all = await alice.client.get<{ items: RequestableItem[] }>('/api/v1/request-catalogue');
    expect(all.status).toBe(200);
    expect(all.body.items.map((i) => i.name)).toEqual(expect.arrayContaining(['Laptop 笔记本', 'Shared mailbox']));
    const found = await alice.client.get<{ items: RequestableItem[] }>(`/api/v1/request-catalogue?q=${encodeURIComponent('笔记本')}`);
    expect(found.body.items.map((i) => i.name)).toEqual(['Laptop 笔记本']);
    expect(found.body.items[0]).toMatchObject({ needsApproval: true, serviceName: 'Workplace 办公' });
    expect(found.body.items[0]?.form.fields.map((f) => f.key)).toEqual(['model', 'quantity', 'needed_by', 'cost_centre', 'accessories']);
  });

  it('refuses invalid answers with one error per field, naming answers.<key>', async () => {
    const reply = await alice.client.post('/api/v1/requests', {
      catalogueItemId: laptop,
      answers: { model: 'gold', quantity: 9, needed_by: '2026-02-30', cost_centre: 'X', accessories: ['mouse', 'cape'], colour: 'red' },
    });
    expect(reply.status).toBe(400);
    const errors = problemOf(reply).errors ?? [];
    expect(errors.map((e) => e.path).sort()).toEqual(
      ['answers.accessories', 'answers.colour', 'answers.cost_centre', 'answers.model', 'answers.needed_by', 'answers.quantity'].sort(),
    );
    const missing = await alice.client.post('/api/v1/requests', { catalogueItemId: laptop, answers: {} });
    expect(missing.status).toBe(400);
    expect((problemOf(missing).errors ?? []).map((e) => e.path).sort()).toEqual([
      'answers.cost_centre',
      'answers.model',
      'answers.quantity',
    ]);
    const unknown = await alice.client.post('/api/v1/requests', { catalogueItemId: 999_999, answers: {} });
    expect(unknown.status).toBe(400);
    expect(problemOf(unknown).errors?.[0]?.path).toBe('catalogueItemId');
  });

  it('takes valid answers: title from the item, service and fulfilment group from the item, waiting for the manager', async () => {
    const request = await raise(alice.client, { catalogueItemId: laptop, answers: GOOD });
    expect(request.number).toMatch(/^REQ-\d{6}$/);
    expect(request).toMatchObject({
      title: 'Laptop 笔记本',
      state: 'awaiting_approval',
      requesterId: alice.user.id,
      groupId: desk,
      source: 'portal',
      extension: { catalogueItemId: laptop, approvalState: 'pending' },
    });
    const form = await alice.client.get<RequestForm>(`/api/v1/requests/${request.number}/form`);
    expect(form.body).toMatchObject({ itemName: 'Laptop 笔记本', answers: GOOD, approvalState: 'pending' });
    const [approval] = await approvalsOf(agent.client, request.number);
    expect(approval?.approvers).toEqual([expect.objectContaining({ kind: 'user', id: manager.user.id })]);
  });

  it('keeps customers to their own organisation: another organisation gets 404 and no one raises for someone else', async () => {
    const request = await raise(alice.client, { catalogueItemId: mailbox, answers: {} });
    for (const path of ['', '/form', '/journal', '/approvals', '/children', '/attachments', '/rating']) {
      expect((await bob.client.get(`/api/v1/requests/${request.number}${path}`)).status, path).toBe(404);
    }
    expect((await bob.client.post(`/api/v1/requests/${request.number}/comments`, { body: 'hi' })).status).toBe(404);
    const forOther = await bob.client.post('/api/v1/requests', { catalogueItemId: mailbox, answers: {}, requesterId: alice.user.id });
    expect(forOther.status).toBe(400);
    expect(problemOf(forOther).errors?.map((e) => e.path)).toEqual(['requesterId']);
    const listed = await bob.client.get<Page<RecordItem>>('/api/v1/requests?limit=200');
    expect(listed.body.items.map((r) => r.number)).not.toContain(request.number);
    // The module's own fields are never taken from a body.
    expect((await agent.client.patch(`/api/v1/requests/${request.number}`, { extension: { approvalState: 'approved' } })).status).toBe(400);
  });
});

describe('a person’s manager', () => {
  it('is shown on the user, must be someone else, and active', async () => {
    const shown = await admin.get<{ managerId: number | null; managerName: string | null }>(`/api/v1/users/${alice.user.id}`);
    expect(shown.body).toMatchObject({ managerId: manager.user.id, managerName: manager.user.displayName });
    const self = await admin.patch(`/api/v1/users/${alice.user.id}`, { managerId: alice.user.id });
    expect(self.status).toBe(400);
    expect(problemOf(self).errors?.[0]?.path).toBe('managerId');
    expect((await admin.patch(`/api/v1/users/${alice.user.id}`, { managerId: 999_999 })).status).toBe(400);
  });
});

describe('approvals and fulfilment', () => {
  it('goes to fulfilment when the manager approves, with a task for the fulfilment group, and closes when the tasks are done', async () => {
    const request = await raise(alice.client, { catalogueItemId: laptop, answers: GOOD });
    expect(await children(request.number)).toEqual([]);
    const [approval] = await approvalsOf(manager.client, request.number);
    if (!approval) throw new Error('no approval');
    expect((await vote(agent.client, request.number, approval.id, { decision: 'approve' })).status).toBe(403);
    expect((await vote(manager.client, request.number, approval.id, { decision: 'approve' })).status).toBe(200);
    const approved = await alice.client.get<RecordItem>(`/api/v1/requests/${request.number}`);
    expect(approved.body).toMatchObject({
      state: 'in_fulfilment',
      extension: { approvalState: 'approved' },
      children: { total: 1, open: 1 },
    });
    const [task] = await children(request.number);
    expect(task).toMatchObject({ type: 'task', state: 'new' });
    expect(task?.title).toContain(request.number);
    const taskRecord = await agent.client.get<RecordItem>(`/api/v1/tasks/${task?.number}`);
    expect(taskRecord.body).toMatchObject({ groupId: desk, parentNumber: request.number, requesterId: null });
    // The task is staff work: the customer does not see it, nor its note in the request's timeline.
    expect((await alice.client.get(`/api/v1/tasks/${task?.number}`)).status).toBe(403);
    const timeline = await alice.client.get<Page<{ kind: string }>>(`/api/v1/requests/${request.number}/journal?limit=200`);
    expect(timeline.body.items.map((e) => e.kind)).not.toContain('child');
    const staffTimeline = await agent.client.get<Page<{ kind: string }>>(`/api/v1/requests/${request.number}/journal?limit=200`);
    expect(staffTimeline.body.items.map((e) => e.kind)).toContain('child');
    const blocked = await agent.client.post(`/api/v1/requests/${request.number}/transitions`, { action: 'fulfil' });
    expect(blocked.status).toBe(409);
    expect(problemOf(blocked).code).toBe('transition_blocked');
    await agent.client.patch(`/api/v1/tasks/${task?.number}`, { assigneeId: agent.user.id });
    await agent.client.post(`/api/v1/tasks/${task?.number}/transitions`, { action: 'start' });
    await agent.client.post(`/api/v1/tasks/${task?.number}/transitions`, { action: 'complete' });
    const rolled = await agent.client.get<RecordItem>(`/api/v1/requests/${request.number}`);
    expect(rolled.body.children).toEqual({ total: 1, open: 0 });
    const fulfilled = await agent.client.post<RecordItem>(`/api/v1/requests/${request.number}/transitions`, { action: 'fulfil' });
    expect(fulfilled.body.stateCategory).toBe('resolved');
    expect((await alice.client.get<RecordItem>(`/api/v1/requests/${request.number}`)).body.actions.sort()).toEqual(['confirm', 'reopen']);
    const closed = await alice.client.post<RecordItem>(`/api/v1/requests/${request.number}/transitions`, { action: 'confirm' });
    expect(closed.body.state).toBe('closed');
    const rated = await alice.client.post(`/api/v1/requests/${request.number}/rating`, { score: 5, comment: '很满意' });
    expect(rated.status).toBe(201);
    expect((await alice.client.post(`/api/v1/requests/${request.number}/rating`, { score: 5 })).status).toBe(409);
  });

  it('is rejected when the approver rejects, and the requester hears of it', async () => {
    const request = await raise(alice.client, { catalogueItemId: laptop, answers: GOOD });
    const [approval] = await approvalsOf(manager.client, request.number);
    if (!approval) throw new Error('no approval');
    const refused = await vote(manager.client, request.number, approval.id, { decision: 'reject', comment: '预算不足 Budget exhausted' });
    expect(refused.status).toBe(200);
    const rejected = await alice.client.get<RecordItem>(`/api/v1/requests/${request.number}`);
    expect(rejected.body).toMatchObject({ state: 'rejected', stateCategory: 'cancelled', extension: { approvalState: 'rejected' } });
    expect(rejected.body.children.total).toBe(0);
    const timeline = await alice.client.get<Page<{ kind: string; data: Record<string, unknown> }>>(
      `/api/v1/requests/${request.number}/journal?limit=200`,
    );
    expect(timeline.body.items.some((e) => e.kind === 'transition' && e.data.to === 'rejected')).toBe(true);
    const bell = await alice.client.get<Page<{ event: string; record: { number: string } }>>('/api/v1/notifications?limit=200');
    expect(bell.body.items.filter((n) => n.record.number === request.number).map((n) => n.event)).toContain('state_changed');
  });

  it('asks the service owner for items that need them', async () => {
    const request = await raise(alice.client, { catalogueItemId: software, answers: {} });
    const [approval] = await approvalsOf(owner.client, request.number);
    expect(approval?.approvers).toEqual([expect.objectContaining({ kind: 'user', id: owner.user.id })]);
    const inbox = await owner.client.get<Page<{ record: { number: string } }>>('/api/v1/approvals/inbox');
    expect(inbox.body.items.map((i) => i.record.number)).toContain(request.number);
    await vote(owner.client, request.number, approval?.id ?? 0, { decision: 'approve' });
    expect((await alice.client.get<RecordItem>(`/api/v1/requests/${request.number}`)).body.state).toBe('in_fulfilment');
  });

  it('lets any one member of an approving group decide', async () => {
    const request = await raise(alice.client, { catalogueItemId: badge, answers: {} });
    const [approval] = await approvalsOf(agent.client, request.number);
    expect(approval?.approvers).toEqual([expect.objectContaining({ kind: 'group', id: approvers })]);
    expect((await vote(approverB.client, request.number, approval?.id ?? 0, { decision: 'approve' })).status).toBe(200);
    const approved = await agent.client.get<RecordItem>(`/api/v1/requests/${request.number}`);
    expect(approved.body).toMatchObject({ state: 'in_fulfilment', children: { total: 1, open: 1 } });
    expect((await vote(approverA.client, request.number, approval?.id ?? 0, { decision: 'approve' })).status).toBe(409);
  });

  it('goes straight to fulfilment when no approval is needed, and refuses an item needing a manager the requester lacks', async () => {
    const request = await raise(bob.client, { catalogueItemId: mailbox, answers: {} });
    expect(request).toMatchObject({
      state: 'in_fulfilment',
      children: { total: 1, open: 1 },
      extension: { approvalState: 'not_required' },
    });
    const noManager = await bob.client.post('/api/v1/requests', { catalogueItemId: laptop, answers: GOOD });
    expect(noManager.status).toBe(409);
    expect(problemOf(noManager).code).toBe('approver_unavailable');
  });

  it('lets staff raise on a customer’s behalf and cancel, taking the tasks with it', async () => {
    const request = await raise(agent.client, {
      catalogueItemId: mailbox,
      answers: {},
      requesterId: bob.user.id,
      title: 'Mailbox for the sales team',
    });
    expect(request).toMatchObject({ title: 'Mailbox for the sales team', requesterId: bob.user.id, source: 'agent' });
    const cancelled = await bob.client.post<RecordItem>(`/api/v1/requests/${request.number}/transitions`, { action: 'cancel' });
    expect(cancelled.body.state).toBe('cancelled');
    expect((await children(request.number)).map((c) => c.stateCategory)).toEqual(['cancelled']);
  });
});
