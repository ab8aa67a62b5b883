import { type Workflow, workflowSchema } from '@keel/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TASK_TYPE } from '../src/modules/tasks/type.js';
import { Client } from './client.js';
import { adminClient, createOrganisation, createUser } from './factories.js';
import { startTestServer, type TestServer } from './harness.js';

let server: TestServer;
let admin: Client;

beforeAll(async () => {
  server = await startTestServer();
  admin = await adminClient(server);
});
afterAll(async () => server?.close());

describe('GET /api/v1/<type>/workflow', () => {
  it('asks for a session', async () => {
    expect((await new Client(server.url).get('/api/v1/tasks/workflow')).status).toBe(401);
  });

  it('refuses a caller without the type’s read permission', async () => {
    const org = await createOrganisation(admin);
    const { client: customer } = await createUser(server, admin, { kind: 'customer', organisationId: org.id });
    expect((await customer.get('/api/v1/tasks/workflow')).status).toBe(403);
  });

  it('answers the type’s workflow with bilingual state and action labels to anyone who may read the type', async () => {
    const { client: agent } = await createUser(server, admin, { roles: ['agent'] });
    const reply = await agent.get<Workflow>('/api/v1/tasks/workflow');
    expect(reply.status).toBe(200);
    expect(workflowSchema.parse(reply.body)).toEqual(TASK_TYPE.workflow);
    expect(reply.body.states.find((s) => s.key === 'in_progress')).toMatchObject({ category: 'active', label: { 'zh-CN': '处理中' } });
    expect(reply.body.transitions.map((t) => t.key)).toContain('start');
  });

  it('is not mistaken for a record number', async () => {
    const { client: auditor } = await createUser(server, admin, { roles: ['auditor'] });
    expect((await auditor.get<Workflow>('/api/v1/tasks/workflow')).body.initial).toBe('new');
    expect((await auditor.get('/api/v1/tasks/WORKFLOW')).status).toBe(400);
  });
});
