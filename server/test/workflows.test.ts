import type { ApprovalRequest, ChildRecord, RecordItem, WorkflowDocument, WorkflowInput } from '@keel/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TASK_TYPE } from '../src/modules/tasks/type.js';
import { type Client, problemOf } from './client.js';
import { adminClient, createUser } from './factories.js';
import { startTestServer, type TestServer } from './harness.js';

let server: TestServer;
let admin: Client;

beforeAll(async () => {
  server = await startTestServer();
  admin = await adminClient(server);
});
afterAll(async () => server?.close());

const create = async (body: Record<string, unknown>) => {
  const reply = await admin.post<RecordItem>('/api/v1/tasks', body);
  expect(reply.status).toBe(201);
  return reply.body;
};
const act = (number: string, action: string) => admin.post<RecordItem>(`/api/v1/tasks/${number}/transitions`, { action });

describe('child records', () => {
  it('rolls children up to the parent and holds the parent until they are finished', async () => {
    const { user: agent } = await createUser(server, admin, { roles: ['agent'] });
    const parent = await create({ title: 'Migrate mail', assigneeId: agent.id });
    const a = await create({ title: 'Export mailboxes', parent: parent.number, assigneeId: agent.id });
    await create({ title: 'Switch MX records', parent: parent.number });
    const shown = await admin.get<RecordItem>(`/api/v1/tasks/${parent.number}`);
    expect(shown.body.children).toEqual({ total: 2, open: 2 });
    expect(a.parentNumber).toBe(parent.number);
    const children = await admin.get<{ items: ChildRecord[] }>(`/api/v1/tasks/${parent.number}/children`);
    expect(children.body.items.map((c) => c.title)).toEqual(['Export mailboxes', 'Switch MX records']);

    await act(parent.number, 'start');
    const blocked = await act(parent.number, 'complete');
    expect(blocked.status).toBe(409);
    expect(problemOf(blocked)).toMatchObject({ code: 'transition_blocked', errors: [{ path: 'children_done' }] });
    await act(a.number, 'start');
    await act(a.number, 'complete');
    expect((await admin.get<RecordItem>(`/api/v1/tasks/${parent.number}`)).body.children).toEqual({ total: 2, open: 1 });
    const second = children.body.items[1] as ChildRecord;
    await act(second.number, 'cancel');
    expect((await act(parent.number, 'complete')).body.state).toBe('done');
  });

  it('refuses a missing parent and a loop', async () => {
    expect(problemOf(await admin.post('/api/v1/tasks', { title: 'x', parent: 'TASK-999999' })).errors?.[0]?.path).toBe('parent');
    const top = await create({ title: 'Top' });
    const middle = await create({ title: 'Middle', parent: top.number });
    const bottom = await create({ title: 'Bottom', parent: middle.number });
    expect(problemOf(await admin.patch(`/api/v1/tasks/${top.number}`, { parent: bottom.number })).errors?.[0]?.path).toBe('parent');
    expect(problemOf(await admin.patch(`/api/v1/tasks/${top.number}`, { parent: top.number })).errors?.[0]?.path).toBe('parent');
    const moved = await admin.patch<RecordItem>(`/api/v1/tasks/${bottom.number}`, { parent: null });
    expect(moved.body.parentNumber).toBeNull();
  });
});

/** The shipped task workflow plus an approval step: the admin's edit used by the tests below. */
function withApproval(): WorkflowInput {
  const base = TASK_TYPE.workflow;
  return {
    ...base,
    states: [...base.states, { key: 'awaiting_approval', category: 'pending', label: { 'zh-CN': '待审批', en: 'Awaiting approval' } }],
    transitions: [
      ...base.transitions.map((t) => {
        if (t.key === 'start') return { ...t, from: ['awaiting_approval', 'on_hold'], guards: ['approvals_granted' as const] };
        return t.key === 'cancel' ? { ...t, from: [...t.from, 'awaiting_approval'] } : t;
      }),
      { key: 'submit', from: ['new'], to: 'awaiting_approval', label: { 'zh-CN': '提交审批', en: 'Submit' } },
      {
        key: 'finish_with_review',
        from: ['in_progress'],
        to: 'done',
        effects: ['open_review_task', 'cancel_children'],
        label: { 'zh-CN': '完成并评审', en: 'Finish with review' },
      },
    ],
  };
}

describe('workflows edited by an administrator', () => {
  it('lets only records.configure read and change workflows, and validates them', async () => {
    const { client: agent } = await createUser(server, admin, { roles: ['agent'] });
    expect((await agent.get('/api/v1/workflows/task')).status).toBe(403);
    expect((await admin.get('/api/v1/workflows/nothing')).status).toBe(404);
    const doc = await admin.get<WorkflowDocument>('/api/v1/workflows/task');
    expect(doc.body).toMatchObject({ recordType: 'task', isDefault: true, version: 0 });
    const deadEnd = {
      ...TASK_TYPE.workflow,
      states: [...TASK_TYPE.workflow.states, { key: 'limbo', category: 'active', label: { en: 'Limbo', 'zh-CN': '悬空' } }],
    };
    const bad = await admin.put('/api/v1/workflows/task', { workflow: deadEnd });
    expect(bad.status).toBe(400);
    expect(problemOf(bad).errors?.map((e) => e.message)).toContain('State "limbo" cannot be reached from "new"');
    expect((await admin.put('/api/v1/workflows/task', { workflow: { ...TASK_TYPE.workflow, initial: 'Bad Key' } })).status).toBe(400);
    expect((await admin.put('/api/v1/workflows/task', { workflow: { ...TASK_TYPE.workflow, extra: 1 } })).status).toBe(400);
  });

  it('puts a saved workflow in force: approval guard, effects, then refuses to strand records and resets', async () => {
    const saved = await admin.put<WorkflowDocument>('/api/v1/workflows/task', { workflow: withApproval() }, { 'if-match': '"v0"' });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ isDefault: false, version: 1 });
    expect((await admin.put('/api/v1/workflows/task', { workflow: withApproval() }, { 'if-match': '"v0"' })).status).toBe(412);

    const { user: approver, client: approverClient } = await createUser(server, admin, { roles: ['cab_member'] });
    const record = await create({ title: 'Upgrade firewall', assigneeId: approver.id });
    expect(record.actions).toEqual(['cancel', 'submit']);
    await act(record.number, 'submit');
    const blocked = await act(record.number, 'start');
    expect(problemOf(blocked)).toMatchObject({ code: 'transition_blocked', errors: [{ path: 'approvals_granted' }] });
    const asked = await admin.post<{ items: ApprovalRequest[] }>(`/api/v1/tasks/${record.number}/approvals`, {
      title: 'Go/no-go',
      mode: 'any',
      userIds: [approver.id],
    });
    await approverClient.post(`/api/v1/tasks/${record.number}/approvals/${asked.body.items[0]?.id}/votes`, { decision: 'approve' });
    expect((await act(record.number, 'start')).body.state).toBe('in_progress');

    const child = await create({ title: 'Left over', parent: record.number });
    const finished = await act(record.number, 'finish_with_review');
    expect(finished.body.state).toBe('done');
    const children = await admin.get<{ items: ChildRecord[] }>(`/api/v1/tasks/${record.number}/children`);
    expect(children.body.items.find((c) => c.number === child.number)?.stateCategory).toBe('cancelled');
    expect(children.body.items.find((c) => c.number !== child.number)).toMatchObject({
      title: `${record.number} 的评审：Upgrade firewall`,
      state: 'new',
    });

    const parked = await create({ title: 'Parked' });
    await act(parked.number, 'submit');
    const reset = await admin.delete('/api/v1/workflows/task');
    expect(reset.status).toBe(409);
    expect(problemOf(reset).errors).toEqual([{ path: 'states', message: 'awaiting_approval' }]);
    expect((await act(parked.number, 'cancel')).status).toBe(200);
    const restored = await admin.delete<WorkflowDocument>('/api/v1/workflows/task');
    expect(restored.body).toMatchObject({ isDefault: true });
    const events = await admin.get<{ items: { action: string }[] }>('/api/v1/audit/events?objectType=workflow');
    expect(events.body.items.map((e) => e.action)).toEqual(['workflow.reset', 'workflow.updated']);
  });
});
