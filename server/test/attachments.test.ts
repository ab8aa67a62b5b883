import fs from 'node:fs';
import path from 'node:path';
import type { Attachment, AttachmentList, JournalEntry, Page, Problem, RecordItem } from '@keel/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobPath, blobStore } from '../src/platform/attachments/blob-store.js';
import { collectOrphanBlobs, ORPHAN_GRACE_MS } from '../src/platform/attachments/collect.js';
import { Client, type Reply } from './client.js';
import { adminClient, createOrganisation, createUser } from './factories.js';
import { startTestServer, type TestServer } from './harness.js';

const MAX_BYTES = 64 * 1024;
// A 1×1 PNG: real magic bytes and chunks, so the type comes from the content.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

let server: TestServer;
let admin: Client;

beforeAll(async () => {
  server = await startTestServer({ attachmentMaxBytes: MAX_BYTES });
  admin = await adminClient(server);
});
afterAll(async () => server?.close());

const store = () => blobStore(server.config);
const tmpFiles = () => (fs.existsSync(path.join(store().root, 'tmp')) ? fs.readdirSync(path.join(store().root, 'tmp')) : []);

async function newTask(title = 'Printer on floor 3 jams'): Promise<RecordItem> {
  const reply = await admin.post<RecordItem>('/api/v1/tasks', { title });
  if (reply.status !== 201) throw new Error(`task: ${reply.status} ${reply.text}`);
  return reply.body;
}

function fileForm(content: Uint8Array | string, name: string, type = 'application/octet-stream', field = 'file'): FormData {
  const form = new FormData();
  form.append(field, new Blob([typeof content === 'string' ? content : new Uint8Array(content)], { type }), name);
  return form;
}

function upload(
  client: Client,
  number: string,
  content: Uint8Array | string,
  name: string,
  options: { type?: string; headers?: Record<string, string> } = {},
): Promise<Reply<Attachment>> {
  return client.request<Attachment>('POST', `/api/v1/tasks/${number}/attachments`, {
    raw: fileForm(content, name, options.type),
    headers: options.headers,
  });
}

/**
 * Downloads as a browser would, keeping the bytes exact. Each on its own connection: with
 * Content-Length the client has every byte a moment before the server's stream ends, and a
 * keep-alive socket that turns idle after the server began closing would hold it open.
 */
async function download(client: Client, url: string) {
  const headers: Record<string, string> = { connection: 'close', ...(client.cookie ? { cookie: client.cookie } : {}) };
  const response = await fetch(`${server.url}${url}`, { headers });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

const codeOf = (reply: Reply) => (reply.body as Problem).code;

describe('attachments: who may do what', () => {
  it('answers 401 on every attachment route without a session', async () => {
    const task = await newTask();
    const anonymous = new Client(server.url);
    const base = `/api/v1/tasks/${task.number}/attachments`;
    expect((await anonymous.get(base)).status).toBe(401);
    expect((await anonymous.get(`${base}/1/content`)).status).toBe(401);
    expect((await anonymous.delete(`${base}/1`)).status).toBe(401);
    expect((await upload(anonymous, task.number, 'hello', 'a.txt')).status).toBe(401);
    expect(tmpFiles()).toEqual([]);
  });

  it('refuses a customer of another organisation everywhere, before reading the file (403: customers hold no task permission)', async () => {
    const task = await newTask();
    const stored = await upload(admin, task.number, 'staff only', 'internal.txt');
    const { client: customer } = await createUser(server, admin, {
      kind: 'customer',
      organisationId: (await createOrganisation(admin)).id,
    });
    const base = `/api/v1/tasks/${task.number}/attachments`;
    expect((await customer.get(base)).status).toBe(403);
    expect((await download(customer, `${base}/${stored.body.id}/content`)).status).toBe(403);
    expect((await upload(customer, task.number, 'x', 'x.txt')).status).toBe(403);
    expect((await customer.delete(`${base}/${stored.body.id}`)).status).toBe(403);
  });

  it('lets a read-only auditor list and download but not upload or remove (403)', async () => {
    const task = await newTask();
    const stored = await upload(admin, task.number, 'audit me', 'evidence.txt');
    const { client: auditor } = await createUser(server, admin, { roles: ['auditor'] });
    const base = `/api/v1/tasks/${task.number}/attachments`;
    expect((await auditor.get<AttachmentList>(base)).body.items.map((a) => a.fileName)).toEqual(['evidence.txt']);
    expect((await download(auditor, `${base}/${stored.body.id}/content`)).bytes.toString()).toBe('audit me');
    expect((await upload(auditor, task.number, 'x', 'x.txt')).status).toBe(403);
    expect((await auditor.delete(`${base}/${stored.body.id}`)).status).toBe(403);
  });

  it('answers 404 for an unknown record, and for an attachment asked for through another record', async () => {
    const mine = await newTask();
    const other = await newTask();
    const stored = await upload(admin, mine.number, 'belongs to mine', 'mine.txt');
    expect((await upload(admin, 'TASK-999999', 'x', 'x.txt')).status).toBe(404);
    expect((await admin.get('/api/v1/tasks/TASK-999999/attachments')).status).toBe(404);
    expect((await download(admin, `/api/v1/tasks/${other.number}/attachments/${stored.body.id}/content`)).status).toBe(404);
    expect((await admin.delete(`/api/v1/tasks/${other.number}/attachments/${stored.body.id}`)).status).toBe(404);
    expect((await download(admin, `/api/v1/tasks/${mine.number}/attachments/${stored.body.id}/content`)).status).toBe(200);
  });
});

describe('attachments: what is refused', () => {
  it('refuses anything but one non-empty file in the field "file" (400), and a body that is not multipart (415)', async () => {
    const task = await newTask();
    const url = `/api/v1/tasks/${task.number}/attachments`;
    const json = await admin.post(url, { file: 'not a file' });
    expect([json.status, codeOf(json)]).toEqual([415, 'unsupported_media_type']);
    const wrongField = await admin.request('POST', url, { raw: fileForm('x', 'a.txt', 'text/plain', 'document') });
    expect([wrongField.status, codeOf(wrongField)]).toEqual([400, 'validation_failed']);
    const two = fileForm('one', 'one.txt');
    two.append('file', new Blob(['two']), 'two.txt');
    expect((await admin.request('POST', url, { raw: two })).status).toBe(400);
    const withField = fileForm('one', 'one.txt');
    withField.append('note', 'hello');
    expect((await admin.request('POST', url, { raw: withField })).status).toBe(400);
    const fieldOnly = new FormData();
    fieldOnly.append('file', 'just text');
    expect((await admin.request('POST', url, { raw: fieldOnly })).status).toBe(400);
    const noBoundary = await admin.request('POST', url, { raw: 'x', headers: { 'content-type': 'multipart/form-data' } });
    expect([noBoundary.status, codeOf(noBoundary)]).toEqual([400, 'validation_failed']);
    const truncated = await admin.request('POST', url, {
      raw: '--b\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhalf a fi',
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
    });
    expect([truncated.status, codeOf(truncated)]).toEqual([400, 'validation_failed']);
    const empty = await upload(admin, task.number, '', 'empty.txt');
    expect([empty.status, problemPath(empty)]).toEqual([400, 'file']);
    expect((await admin.get<AttachmentList>(url)).body.items).toEqual([]);
    expect(tmpFiles()).toEqual([]);
  });

  it('keeps every other route refusing multipart bodies (415)', async () => {
    const reply = await admin.request('POST', '/api/v1/tasks', { raw: fileForm('x', 'a.txt') });
    expect([reply.status, codeOf(reply)]).toEqual([415, 'unsupported_media_type']);
    const task = await newTask();
    const comment = await admin.request('POST', `/api/v1/tasks/${task.number}/comments`, { raw: fileForm('x', 'a.txt') });
    expect(comment.status).toBe(415);
  });

  it('accepts a file of exactly the limit and refuses one byte more with 413, keeping nothing', async () => {
    const task = await newTask();
    const blobsBefore = await server.db.kysely.selectFrom('blobs').select('sha256').execute();
    const atLimit = await upload(admin, task.number, Buffer.alloc(MAX_BYTES, 'a'), 'exact.txt');
    expect(atLimit.status).toBe(201);
    expect(atLimit.body.size).toBe(MAX_BYTES);
    const over = await upload(admin, task.number, Buffer.alloc(MAX_BYTES + 1, 'b'), 'over.txt');
    expect([over.status, codeOf(over)]).toEqual([413, 'payload_too_large']);
    expect(over.headers.get('content-type')).toContain('application/problem+json');
    expect(tmpFiles()).toEqual([]);
    const blobsAfter = await server.db.kysely.selectFrom('blobs').select('sha256').execute();
    expect(blobsAfter.length).toBe(blobsBefore.length + 1);
    expect((await admin.get<AttachmentList>(`/api/v1/tasks/${task.number}/attachments`)).body.items.map((a) => a.fileName)).toEqual([
      'exact.txt',
    ]);
  });

  it('refuses a body declared far over the limit before reading it (413)', async () => {
    const task = await newTask();
    const over = await upload(admin, task.number, Buffer.alloc(MAX_BYTES + 32 * 1024, 'c'), 'huge.bin');
    expect([over.status, codeOf(over)]).toEqual([413, 'payload_too_large']);
    expect(tmpFiles()).toEqual([]);
  });

  it('refuses programs by content whatever their name, and scripts by extension (415 attachment_type_refused)', async () => {
    const task = await newTask();
    // "MZ" and a PE header at 0x80: what file-type recognises as a Windows executable.
    const exe = Buffer.alloc(512);
    exe.write('MZ', 0, 'latin1');
    exe.writeUInt32LE(0x80, 0x3c);
    exe.write('PE\0\0', 0x80, 'latin1');
    const disguised = await upload(admin, task.number, exe, 'holiday-photo.jpg', { type: 'image/jpeg' });
    expect([disguised.status, codeOf(disguised)]).toEqual([415, 'attachment_type_refused']);
    for (const name of ['fix.bat', 'cleanup.ps1', 'report.pdf.exe', 'helper.js']) {
      const reply = await upload(admin, task.number, 'echo hello', name);
      expect([reply.status, codeOf(reply)], name).toEqual([415, 'attachment_type_refused']);
    }
    expect((await admin.get<AttachmentList>(`/api/v1/tasks/${task.number}/attachments`)).body.items).toEqual([]);
    expect(tmpFiles()).toEqual([]);
  });
});

describe('attachments: names, types and downloads', () => {
  it('stores a path-traversal name as its last segment, and the file only under its hash', async () => {
    const task = await newTask();
    const reply = await upload(admin, task.number, 'root:x:0:0', '../../etc/passwd');
    expect(reply.status).toBe(201);
    expect(reply.body.fileName).toBe('passwd');
    expect(fs.existsSync(blobPath(store(), reply.body.sha256))).toBe(true);
    expect(fs.existsSync(path.join(server.config.dataDir, 'etc'))).toBe(false);
    const file = await download(admin, reply.body.contentUrl);
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="passwd"; filename*=UTF-8''passwd`);
  });

  it('removes a right-to-left override that would disguise the extension', async () => {
    const task = await newTask();
    const reply = await upload(admin, task.number, 'just text', 'photo\u202Egnp.txt');
    expect(reply.body.fileName).toBe('photognp.txt');
  });

  it('serves HTML, even labelled image/png, as an octet-stream attachment with nosniff and a sandbox CSP', async () => {
    const task = await newTask();
    const html = '<html><body><script>alert(document.cookie)</script></body></html>';
    const reply = await upload(admin, task.number, html, 'cat.png', { type: 'image/png' });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      mediaType: 'text/html',
      declaredMediaType: 'image/png',
      servedMediaType: 'application/octet-stream',
    });
    const file = await download(admin, reply.body.contentUrl);
    expect(file.headers.get('content-type')).toBe('application/octet-stream');
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="cat\.png"/);
    expect(file.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    expect(file.bytes.toString()).toBe(html);
  });

  it('serves an SVG carrying script as an octet-stream attachment', async () => {
    const task = await newTask();
    const svg = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>';
    const reply = await upload(admin, task.number, svg, 'diagram.svg', { type: 'image/svg+xml' });
    expect(reply.body).toMatchObject({ mediaType: 'image/svg+xml', servedMediaType: 'application/octet-stream' });
    const file = await download(admin, reply.body.contentUrl);
    expect(file.headers.get('content-type')).toBe('application/octet-stream');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves a real PNG as image/png, still as an attachment, with its SHA-256 as ETag', async () => {
    const task = await newTask();
    const reply = await upload(admin, task.number, PNG, 'screenshot.bin', { type: 'application/octet-stream' });
    expect(reply.body).toMatchObject({ mediaType: 'image/png', servedMediaType: 'image/png', size: PNG.length });
    const file = await download(admin, reply.body.contentUrl);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(file.headers.get('etag')).toBe(`"${reply.body.sha256}"`);
    expect(file.headers.get('content-length')).toBe(String(PNG.length));
  });

  it('round-trips the bytes exactly and gives a Chinese file name in filename*', async () => {
    const task = await newTask();
    const content = Buffer.concat([PNG, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))]);
    const reply = await upload(admin, task.number, content, '故障截图.png', { type: 'image/png' });
    expect(reply.status).toBe(201);
    expect(reply.body.fileName).toBe('故障截图.png');
    const file = await download(admin, reply.body.contentUrl);
    expect(file.status).toBe(200);
    expect(file.bytes.equals(content)).toBe(true);
    const disposition = file.headers.get('content-disposition') ?? '';
    expect(disposition).toBe(`attachment; filename="attachment.png"; filename*=UTF-8''${encodeURIComponent('故障截图.png')}`);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1] ?? '')).toBe('故障截图.png');
    const listed = await admin.get<AttachmentList>(`/api/v1/tasks/${task.number}/attachments`);
    expect(listed.body.items).toEqual([reply.body]);
  });

  it('stores the same content once, however often and wherever it is attached', async () => {
    const first = await newTask();
    const second = await newTask();
    const content = `same bytes ${Date.now()}`;
    const a = await upload(admin, first.number, content, 'a.txt');
    const b = await upload(admin, second.number, content, 'b.txt');
    const c = await upload(admin, first.number, content, 'c.txt');
    expect(new Set([a.body.sha256, b.body.sha256, c.body.sha256]).size).toBe(1);
    expect(new Set([a.body.id, b.body.id, c.body.id]).size).toBe(3);
    const dir = path.dirname(blobPath(store(), a.body.sha256));
    expect(fs.readdirSync(dir).filter((f) => f === a.body.sha256)).toHaveLength(1);
    const rows = await server.db.kysely.selectFrom('blobs').selectAll().where('sha256', '=', a.body.sha256).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ size: Buffer.byteLength(content), media_type: 'text/plain' });
  });
});

describe('attachments: history and clean-up', () => {
  it('shows attaching and removing in the journal and the audit trail, and the content is gone after removal (404)', async () => {
    const task = await newTask();
    const stored = await upload(admin, task.number, 'log line', 'server.log', { type: 'text/plain' });
    const base = `/api/v1/tasks/${task.number}/attachments`;
    expect((await admin.delete(`${base}/${stored.body.id}`)).status).toBe(204);
    expect((await download(admin, stored.body.contentUrl)).status).toBe(404);
    expect((await admin.delete(`${base}/${stored.body.id}`)).status).toBe(404);
    expect((await admin.get<AttachmentList>(base)).body.items).toEqual([]);

    const journal = await admin.get<Page<JournalEntry>>(`/api/v1/tasks/${task.number}/journal`);
    const entries = journal.body.items.filter((e) => e.kind.startsWith('attachment_'));
    expect(entries.map((e) => [e.kind, e.visibility, e.data.fileName])).toEqual([
      ['attachment_added', 'public', 'server.log'],
      ['attachment_removed', 'public', 'server.log'],
    ]);
    expect(entries[0]?.data).toMatchObject({ attachmentId: stored.body.id, size: 8, mediaType: 'text/plain' });

    const events = await admin.get<Page<{ action: string; changes: Record<string, [unknown, unknown]> }>>(
      `/api/v1/audit/events?objectType=task&objectId=${task.id}`,
    );
    expect(events.body.items.map((e) => e.action)).toEqual(['record.detached', 'record.attached', 'record.created']);
    expect(events.body.items[1]?.changes.attachment).toEqual([
      null,
      { attachmentId: stored.body.id, fileName: 'server.log', size: 8, mediaType: 'text/plain', sha256: stored.body.sha256 },
    ]);
    expect(events.body.items[0]?.changes.attachment?.[1]).toBeNull();
  });

  it('replays an upload repeated with the same Idempotency-Key, and refuses the key with another file (422)', async () => {
    const task = await newTask();
    const key = `upload-${Date.now()}`;
    const first = await upload(admin, task.number, 'first', 'one.txt', { headers: { 'idempotency-key': key } });
    const again = await upload(admin, task.number, 'first', 'one.txt', { headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    const other = await upload(admin, task.number, 'second', 'one.txt', { headers: { 'idempotency-key': key } });
    expect([other.status, codeOf(other)]).toEqual([422, 'idempotency_key_reused']);
    expect((await admin.get<AttachmentList>(`/api/v1/tasks/${task.number}/attachments`)).body.items).toHaveLength(1);
    expect(tmpFiles()).toEqual([]);
  });

  it('lets housekeeping delete content no attachment uses once it is an hour old, never content still in use', async () => {
    const task = await newTask();
    const kept = await upload(admin, task.number, `kept ${Date.now()}`, 'kept.txt');
    const droppedContent = `dropped ${Date.now()}`;
    const dropped = await upload(admin, task.number, droppedContent, 'dropped.txt');
    const shared = `shared ${Date.now()}`;
    const sharedA = await upload(admin, task.number, shared, 'shared-a.txt');
    await upload(admin, task.number, shared, 'shared-b.txt');
    for (const id of [dropped.body.id, sharedA.body.id]) {
      expect((await admin.delete(`/api/v1/tasks/${task.number}/attachments/${id}`)).status).toBe(204);
    }
    const stale = path.join(store().root, 'tmp', 'died-mid-upload.part');
    fs.writeFileSync(stale, 'partial');
    const fresh = path.join(store().root, 'tmp', 'uploading-now.part');
    fs.writeFileSync(fresh, 'partial');

    const early = await collectOrphanBlobs(server.db, store());
    expect(early.blobs).toBe(0);
    expect(fs.existsSync(blobPath(store(), dropped.body.sha256))).toBe(true);
    expect(fs.existsSync(stale)).toBe(true);

    await makeOld(stale);
    const later = await collectOrphanBlobs(server.db, store());
    expect(later.blobs).toBeGreaterThanOrEqual(1);
    expect(later.tempFiles).toBe(1);
    expect(fs.existsSync(fresh)).toBe(true);
    fs.rmSync(fresh);
    expect(fs.existsSync(blobPath(store(), dropped.body.sha256))).toBe(false);
    expect(fs.existsSync(blobPath(store(), kept.body.sha256))).toBe(true);
    expect(fs.existsSync(blobPath(store(), sharedA.body.sha256))).toBe(true);
    const remaining = await server.db.kysely.selectFrom('blobs').select('sha256').execute();
    expect(remaining.map((r) => r.sha256)).not.toContain(dropped.body.sha256);

    // The same bytes attached again after the sweep are stored again.
    const back = await upload(admin, task.number, droppedContent, 'again.txt');
    expect(back.body.sha256).toBe(dropped.body.sha256);
    expect((await download(admin, back.body.contentUrl)).bytes.toString()).toBe(droppedContent);
  });
});

describe('attachments: racing the sweep', () => {
  it('never loses content when uploads of the same bytes race housekeeping removing them', async () => {
    const task = await newTask();
    for (let round = 0; round < 5; round++) {
      const content = `raced ${round} ${Date.now()}`;
      const first = await upload(admin, task.number, content, 'first.txt');
      expect((await admin.delete(`/api/v1/tasks/${task.number}/attachments/${first.body.id}`)).status).toBe(204);
      await makeOld();
      const [, ...uploads] = await Promise.all([
        collectOrphanBlobs(server.db, store()),
        upload(admin, task.number, content, 'a.txt'),
        upload(admin, task.number, content, 'b.txt'),
      ]);
      for (const reply of uploads) {
        expect(reply.status).toBe(201);
        expect((await download(admin, reply.body.contentUrl)).bytes.toString()).toBe(content);
      }
    }
  });
});

/** Ages every blob (and a temp file) past the grace period, as if an hour had gone by. */
async function makeOld(tempFile?: string): Promise<void> {
  const past = Date.now() - ORPHAN_GRACE_MS - 60_000;
  await server.db.kysely.updateTable('blobs').set({ created_at: past }).execute();
  if (tempFile) fs.utimesSync(tempFile, past / 1000, past / 1000);
}

function problemPath(reply: Reply): string | undefined {
  return (reply.body as Problem).errors?.[0]?.path;
}
