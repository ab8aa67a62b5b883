import type { ApprovalInboxItem, Page, RecordItem } from '@keel/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loadDemo } from '../src/cli/demo.js';
import { Client } from './client.js';
import { startTestServer, type TestServer } from './harness.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

const signIn = async (username: string) => {
  const client = new Client(server.url);
  expect((await client.login(username, DEMO_PASSWORD)).status).toBe(200);
  return client;
};

describe('the demo data', () => {
  it('loads people, tasks with SLA clocks, a custom field, child tasks and an approval for the CAB, once', async () => {
    expect(await loadDemo(server.db, server.config)).toBe(true);
    expect(await loadDemo(server.db, server.config)).toBe(false);
    const manager = await signIn('li.wei');
    const tasks = await manager.get<Page<RecordItem>>('/api/v1/tasks?limit=50');
    const ups = tasks.body.items.find((t) => t.title.startsWith('更换机房'));
    expect(ups).toMatchObject({ state: 'in_progress', priority: 2, custom: { site: 'hangzhou' }, children: { total: 2, open: 2 } });
    expect(ups?.sla.map((c) => [c.target, c.state])).toEqual([
      ['response', 'stopped'],
      ['resolution', 'running'],
    ]);
    const onSite = await manager.get<Page<RecordItem>>('/api/v1/tasks?custom.site=shanghai');
    expect(onSite.body.items.map((t) => t.custom.site)).toEqual(['shanghai', 'shanghai']);
    const cab = await signIn('wang.fang');
    const inbox = await cab.get<{ items: ApprovalInboxItem[] }>('/api/v1/approvals/inbox');
    expect(inbox.body.items.map((i) => i.record.number)).toEqual([ups?.number]);
    const mentioned = await signIn('chen.jie');
    const bell = await mentioned.get<{ items: { event: string }[] }>('/api/v1/notifications');
    expect(bell.body.items.map((n) => n.event)).toEqual(expect.arrayContaining(['assigned', 'mentioned']));
  });
});
