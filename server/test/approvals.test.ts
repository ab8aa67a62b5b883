import type { ApprovalInboxItem, ApprovalRequest, Group, Notification, RecordItem } from '@keel/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, problemOf } from './client.js';
import { adminClient, createOrganisation, createUser, type TestUser } from './factories.js';
import { startTestServer, type TestServer } from './harness.js';

let server: TestServer;
let admin: Client;

beforeAll(async () => {
  server = await startTestServer();
  admin = await adminClient(server);
});
afterAll(async () => server?.close());

type List = { items: ApprovalRequest[] };
const task = async (title = 'Needs approval') => (await admin.post<RecordItem>('/api/v1/tasks', { title })).body.number;
const ask = (number: string, body: Record<string, unknown>) => admin.post<List>(`/api/v1/tasks/${number}/approvals`, body);
const vote = (who: Client, number: string, id: number, body: Record<string, unknown>) =>
  who.post<List>(`/api/v1/tasks/${number}/approvals/${id}/votes`, body);
const staff = (n: number, roles = ['cab_member']) => Promise.all(Array.from({ length: n }, () => createUser(server, admin, { roles })));

describe('approvals: who may ask and vote', () => {
  it('refuses strangers, customers of other organisations, the auditor and double votes', async () => {
    const number = await task();
    const [approver, outsider] = await staff(2);
    const { client: auditor } = await createUser(server, admin, { roles: ['auditor'] });
    const org = await createOrganisation(admin);
    const { client: customer } = await createUser(server, admin, { kind: 'customer', organisationId: org.id });
    const asked = await ask(number, { title: 'Go?', mode: 'any', userIds: [approver?.user.id] });
    expect(asked.status).toBe(201);
    const id = asked.body.items[0]?.id ?? 0;
    expect((await vote(outsider?.client as Client, number, id, { decision: 'approve' })).status).toBe(403);
    expect((await vote(auditor, number, id, { decision: 'approve' })).status).toBe(403);
    expect((await vote(customer, number, id, { decision: 'approve' })).status).toBe(403);
    expect((await auditor.post(`/api/v1/tasks/${number}/approvals`, { title: 'x', mode: 'any', userIds: [1] })).status).toBe(403);
    expect(problemOf(await vote(approver?.client as Client, number, id, { decision: 'reject' })).errors?.[0]?.path).toBe('comment');
    expect((await vote(approver?.client as Client, number, id, { decision: 'approve' })).status).toBe(200);
    expect((await vote(approver?.client as Client, number, id, { decision: 'approve' })).status).toBe(409);
  });

  it('checks the request itself', async () => {
    const number = await task();
    const [one] = await staff(1);
    expect(problemOf(await ask(number, { title: 'x', mode: 'any' })).errors?.[0]?.path).toBe('userIds');
    expect(problemOf(await ask(number, { title: 'x', mode: 'quorum', userIds: [one?.user.id] })).errors?.[0]?.path).toBe('quorum');
    expect(problemOf(await ask(number, { title: 'x', mode: 'quorum', quorum: 2, userIds: [one?.user.id] })).errors?.[0]?.path).toBe(
      'quorum',
    );
    expect(problemOf(await ask(number, { title: 'x', mode: 'any', userIds: [999_999] })).errors?.[0]?.path).toBe('userIds');
    expect((await admin.post('/api/v1/tasks/TASK-999999/approvals', { title: 'x', mode: 'any', userIds: [one?.user.id] })).status).toBe(
      404,
    );
  });
});

describe('approvals: rules', () => {
  it('approves a CAB quorum at N and records the decision trail in the journal', async () => {
    const members = await staff(4);
    const cab = await admin.post<Group>('/api/v1/groups', { name: `CAB ${Date.now()}`, memberIds: members.map((m) => m.user.id) });
    const number = await task('Replace core switch');
    const asked = await ask(number, { title: 'CAB', mode: 'quorum', quorum: 3, groupIds: [cab.body.id] });
    const request = asked.body.items[0] as ApprovalRequest;
    expect(request).toMatchObject({ state: 'pending', eligibleCount: 4, approvers: [{ kind: 'group', name: cab.body.name }] });
    const [a, b, c, d] = members as [TestUser, TestUser, TestUser, TestUser];
    await vote(a.client, number, request.id, { decision: 'approve', comment: '同意' });
    await vote(b.client, number, request.id, { decision: 'reject', comment: 'Risky on a Friday' });
    expect((await vote(c.client, number, request.id, { decision: 'approve' })).body.items[0]?.state).toBe('pending');
    const last = await vote(d.client, number, request.id, { decision: 'approve' });
    expect(last.body.items[0]).toMatchObject({ state: 'approved', decidedAt: expect.any(String) });
    expect(last.body.items[0]?.votes.map((v) => v.decision)).toEqual(['approve', 'reject', 'approve', 'approve']);
    const journal = await admin.get<{ items: { kind: string; data: { event?: string } }[] }>(`/api/v1/tasks/${number}/journal`);
    const events = journal.body.items.filter((e) => e.kind === 'approval').map((e) => e.data.event);
    expect(events).toEqual(['requested', 'voted', 'voted', 'voted', 'voted', 'approved']);
  });

  it('rejects an all-approvers request on the first no, and counts simultaneous votes one by one', async () => {
    const people = await staff(3);
    const number = await task();
    const all = (await ask(number, { title: 'All', mode: 'all', userIds: people.map((p) => p.user.id) })).body.items[0] as ApprovalRequest;
    const votes = await Promise.all(people.map((p) => vote(p.client, number, all.id, { decision: 'approve' })));
    expect(votes.every((v) => v.status === 200)).toBe(true);
    const after = await admin.get<List>(`/api/v1/tasks/${number}/approvals`);
    expect(after.body.items[0]?.state).toBe('approved');

    const number2 = await task();
    const second = (await ask(number2, { title: 'All', mode: 'all', userIds: people.map((p) => p.user.id) })).body
      .items[0] as ApprovalRequest;
    const [p1, p2] = people as [TestUser, TestUser];
    const rejected = await vote(p1.client, number2, second.id, { decision: 'reject', comment: 'No back-out plan' });
    expect(rejected.body.items[0]?.state).toBe('rejected');
    expect((await vote(p2.client, number2, second.id, { decision: 'approve' })).status).toBe(409);
  });

  it('opens level 2 only when level 1 is approved, and closes it when level 1 is rejected', async () => {
    const [manager, owner] = await staff(2);
    const number = await task();
    await ask(number, { title: 'Manager', mode: 'any', level: 1, userIds: [manager?.user.id] });
    const both = await ask(number, { title: 'Service owner', mode: 'any', level: 2, userIds: [owner?.user.id] });
    expect(both.body.items.map((r) => r.state)).toEqual(['pending', 'waiting']);
    const ownerInbox = await owner?.client.get<{ items: ApprovalInboxItem[] }>('/api/v1/approvals/inbox');
    expect(ownerInbox?.body.items.some((i) => i.record.number === number)).toBe(false);
    const asked = async (who: TestUser | undefined) =>
      ((await who?.client.get<{ items: Notification[] }>('/api/v1/notifications'))?.body.items ?? []).filter(
        (n) => n.event === 'approval_requested' && n.record.number === number,
      ).length;
    expect([await asked(manager), await asked(owner)]).toEqual([1, 0]);
    const level1 = both.body.items[0] as ApprovalRequest;
    const level2 = both.body.items[1] as ApprovalRequest;
    expect((await vote(owner?.client as Client, number, level2.id, { decision: 'approve' })).status).toBe(409);
    const after = await vote(manager?.client as Client, number, level1.id, { decision: 'approve' });
    expect(after.body.items.map((r) => r.state)).toEqual(['approved', 'pending']);
    expect(await asked(owner)).toBe(1);
    const inbox = await owner?.client.get<{ items: ApprovalInboxItem[] }>('/api/v1/approvals/inbox');
    expect(inbox?.body.items.find((i) => i.record.number === number)).toMatchObject({ title: 'Service owner', onBehalfOf: null });

    const number2 = await task();
    await ask(number2, { title: 'Manager', mode: 'any', level: 1, userIds: [manager?.user.id] });
    const pair = await ask(number2, { title: 'Owner', mode: 'any', level: 2, userIds: [owner?.user.id] });
    const closed = await vote(manager?.client as Client, number2, pair.body.items[0]?.id ?? 0, {
      decision: 'reject',
      comment: 'No budget',
    });
    expect(closed.body.items.map((r) => r.state)).toEqual(['rejected', 'cancelled']);
  });
});

describe('approvals: delegation and inbox', () => {
  it('lets a delegate vote for an absent approver, once, and shows it in the delegate’s inbox', async () => {
    const [away, deputy, other] = await staff(3);
    const number = await task('Delegated');
    const request = (await ask(number, { title: 'Sign-off', mode: 'any', userIds: [away?.user.id] })).body.items[0] as ApprovalRequest;
    expect((await vote(deputy?.client as Client, number, request.id, { decision: 'approve', onBehalfOf: away?.user.id })).status).toBe(403);
    expect((await away?.client.put('/api/v1/me/approval-delegation', { delegateId: away?.user.id }))?.status).toBe(400);
    const set = await away?.client.put('/api/v1/me/approval-delegation', { delegateId: deputy?.user.id, until: '2099-01-01T00:00:00Z' });
    expect(set?.body).toMatchObject({ delegateId: deputy?.user.id });
    const inbox = await deputy?.client.get<{ items: ApprovalInboxItem[] }>('/api/v1/approvals/inbox');
    expect(inbox?.body.items.find((i) => i.record.number === number)?.onBehalfOf?.id).toBe(away?.user.id);
    expect((await vote(other?.client as Client, number, request.id, { decision: 'approve', onBehalfOf: away?.user.id })).status).toBe(403);
    const cast = await vote(deputy?.client as Client, number, request.id, { decision: 'approve', onBehalfOf: away?.user.id });
    expect(cast.body.items[0]).toMatchObject({ state: 'approved', votes: [{ voterId: away?.user.id, castById: deputy?.user.id }] });
    const journal = await admin.get<{ items: { kind: string; data: Record<string, unknown> }[] }>(`/api/v1/tasks/${number}/journal`);
    expect(journal.body.items.find((e) => e.data.event === 'voted')?.data).toMatchObject({
      onBehalfOf: away?.user.id,
      onBehalfOfName: away?.user.displayName,
    });
    expect(
      (await away?.client.get<{ items: ApprovalInboxItem[] }>('/api/v1/approvals/inbox'))?.body.items.some(
        (i) => i.record.number === number,
      ),
    ).toBe(false);
    await away?.client.put('/api/v1/me/approval-delegation', { delegateId: null });
    expect((await away?.client.get('/api/v1/me/approval-delegation'))?.body).toMatchObject({ delegateId: null });
  });

  it('withdraws an open request', async () => {
    const [one] = await staff(1);
    const number = await task();
    const request = (await ask(number, { title: 'Withdraw me', mode: 'any', userIds: [one?.user.id] })).body.items[0] as ApprovalRequest;
    const cancelled = await admin.post<List>(`/api/v1/tasks/${number}/approvals/${request.id}/cancel`, {});
    expect(cancelled.body.items[0]?.state).toBe('cancelled');
    expect((await admin.post(`/api/v1/tasks/${number}/approvals/${request.id}/cancel`, {})).status).toBe(409);
  });
});
