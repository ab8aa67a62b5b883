import type { AuditEvent, Page, PriorityMatrixView, RecordItem } from '@keel/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, problemOf } from './client.js';
import { adminClient, createOrganisation, createRecord, createUser, type TestUser } from './factories.js';
import { startTestServer, type TestServer } from './harness.js';

let server: TestServer;
let admin: Client;
let agent: TestUser;
let customer: TestUser;
const PATH = '/api/v1/settings/priority-matrix';
const FLAT = [
  [1, 1, 2],
  [1, 2, 3],
  [2, 3, 5],
];

beforeAll(async () => {
  server = await startTestServer();
  admin = await adminClient(server);
  agent = await createUser(server, admin, { roles: ['agent'] });
  const org = await createOrganisation(admin);
  customer = await createUser(server, admin, { kind: 'customer', organisationId: org.id });
});
afterAll(async () => server?.close());

describe('the priority matrix', () => {
  it('is read by staff only and written only with records.configure', async () => {
    expect((await customer.client.get(PATH)).status).toBe(403);
    const read = await agent.client.get<PriorityMatrixView>(PATH);
    expect(read.status).toBe(200);
    expect(read.body.matrix).toEqual([
      [1, 2, 3],
      [2, 3, 4],
      [3, 4, 5],
    ]);
    expect((await agent.client.put(PATH, { matrix: FLAT })).status).toBe(403);
  });

  it('refuses a matrix that is not 3 × 3 cells of 1..5, naming the cell', async () => {
    const badCell = await admin.put(PATH, {
      matrix: [
        [1, 2, 3],
        [2, 6, 4],
        [3, 4, 5],
      ],
    });
    expect(badCell.status).toBe(400);
    expect(problemOf(badCell).errors?.map((e) => e.path)).toContain('matrix.1.1');
    expect((await admin.put(PATH, { matrix: [[1, 2, 3]] })).status).toBe(400);
    expect(
      (
        await admin.put(PATH, {
          matrix: [
            [1, 2],
            [2, 3],
            [3, 4],
          ],
        })
      ).status,
    ).toBe(400);
    expect((await admin.put(PATH, { matrix: FLAT, extra: 1 })).status).toBe(400);
  });

  it('prices new records with the saved matrix, leaves old ones as they were, and audits the change', async () => {
    const before = await createRecord(agent.client, 'incidents', { title: 'Before the change', impact: 3, urgency: 3 });
    expect(before.priority).toBe(5);
    const current = await admin.get<PriorityMatrixView>(PATH);
    expect((await admin.put(PATH, { matrix: FLAT }, { 'if-match': '"v999"' })).status).toBe(412);
    const saved = await admin.put<PriorityMatrixView>(PATH, { matrix: FLAT }, { 'if-match': current.headers.get('etag') ?? '' });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ matrix: FLAT, version: current.body.version + 1 });
    expect(saved.headers.get('etag')).toBe(`"v${current.body.version + 1}"`);
    // Impact 1 × urgency 2 was 2 and is now 1; 3 × 2 was 4 and is now 3.
    const after = await createRecord(agent.client, 'incidents', { title: 'After the change', impact: 1, urgency: 2 });
    expect(after.priority).toBe(1);
    const task = await createRecord(agent.client, 'tasks', { title: 'Tasks too', impact: 3, urgency: 2 });
    expect(task.priority).toBe(3);
    const changed = await agent.client.patch<RecordItem>(`/api/v1/incidents/${before.number}`, { urgency: 2 });
    expect(changed.body.priority).toBe(3);
    const untouched = await agent.client.get<RecordItem>(`/api/v1/incidents/${after.number}`);
    expect(untouched.body.priority).toBe(1);
    const events = await admin.get<Page<AuditEvent>>('/api/v1/audit/events?action=priority_matrix.updated');
    expect(events.body.items[0]?.changes.matrix).toEqual([
      [
        [1, 2, 3],
        [2, 3, 4],
        [3, 4, 5],
      ],
      FLAT,
    ]);
  });

  it('keeps an old record’s priority when the matrix changes under it', async () => {
    const old = await createRecord(agent.client, 'incidents', { title: 'Priced under FLAT', impact: 3, urgency: 3 });
    expect(old.priority).toBe(5);
    const current = await admin.get<PriorityMatrixView>(PATH);
    const back = [
      [1, 2, 3],
      [2, 3, 4],
      [3, 4, 4],
    ];
    expect((await admin.put(PATH, { matrix: back }, { 'if-match': current.headers.get('etag') ?? '' })).status).toBe(200);
    expect((await agent.client.get<RecordItem>(`/api/v1/incidents/${old.number}`)).body.priority).toBe(5);
    expect((await createRecord(agent.client, 'incidents', { title: 'Priced under back', impact: 3, urgency: 3 })).priority).toBe(4);
  });
});
