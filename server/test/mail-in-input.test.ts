import type { Attachment, MailMessage, Page } from '@keel/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTACHMENT_MAX, HELPDESK, type MailTest, messageId, startMailTest } from './mail-in-support.js';

let t: MailTest;

beforeAll(async () => {
  t = await startMailTest();
});
afterAll(async () => {
  await t?.close();
});

const created = async () => (await t.admin.get<Page<MailMessage>>('/api/v1/mail/messages?outcome=created&limit=200')).body.items.length;
const raw = (lines: (string | Buffer)[]) =>
  Buffer.concat(lines.map((l) => Buffer.concat([Buffer.isBuffer(l) ? l : Buffer.from(l, 'utf8'), Buffer.from('\r\n')])));
const envelope = { from: 'sender@elsewhere.example', to: [HELPDESK] };

/** Whatever came before, the listener and the API still answer. */
async function stillServing() {
  expect((await t.admin.get('/healthz')).status).toBe(200);
  expect((await t.send({ from: 'alive@elsewhere.example', subject: 'still there?', text: 'ping' })).code).toBe(250);
}

describe('mail Keel must survive', () => {
  it('takes a mail with no body as a record with an empty description', async () => {
    const sent = await t.send({ from: 'quiet@elsewhere.example', subject: 'No words' });
    expect(sent.code).toBe(250);
    expect(await t.incident(sent.number ?? '')).toMatchObject({ title: 'No words', description: '' });
  });

  it('gives a mail without a subject a title from the catalogue', async () => {
    const sent = await t.send({ from: 'quiet@elsewhere.example', text: 'only a body' });
    expect((await t.incident(sent.number ?? '')).title).toBe('（无主题）');
  });

  it('refuses a message over the size limit with 552 and records nothing', async () => {
    const before = await created();
    const huge = Buffer.alloc(ATTACHMENT_MAX * 2, 7);
    const sent = await t.send({
      from: 'big@elsewhere.example',
      subject: 'Huge',
      text: 'x',
      attachments: [{ filename: 'dump.bin', content: huge }],
    });
    expect(sent.code).toBe(552);
    expect(await created()).toBe(before);
    await stillServing();
  });

  it('keeps the mail but drops an attachment over the attachment limit, saying so', async () => {
    const file = Buffer.alloc(ATTACHMENT_MAX + 1, 1);
    const sent = await t.send({
      from: 'big@elsewhere.example',
      subject: 'One too many bytes',
      text: 'see file',
      attachments: [{ filename: 'log.txt', content: file }],
    });
    expect(sent.code).toBe(250);
    const number = sent.number ?? '';
    expect((await t.admin.get<{ items: Attachment[] }>(`/api/v1/incidents/${number}/attachments`)).body.items).toEqual([]);
    expect((await t.journal(number))[0]?.data.dropped).toEqual([{ fileName: 'log.txt', reason: 'too_large' }]);
  });

  it('stores no script from an HTML mail, only its text', async () => {
    const html =
      '<html><head><script>alert(1)</script><style>p{}</style></head><body><p onclick="steal()">Hello <b>desk</b></p>' +
      '<img src=x onerror="alert(2)"><a href="javascript:alert(3)">click</a> <a href="https://status.example/">status</a><script>evil()</script></body></html>';
    const sent = await t.send({ from: 'html@elsewhere.example', subject: '<script>alert(4)</script> in the subject', html });
    expect(sent.code).toBe(250);
    const record = await t.incident(sent.number ?? '');
    expect(record.description).toContain('Hello desk');
    expect(record.description).toContain('https://status.example/');
    for (const bad of ['<script', 'alert(1)', 'alert(2)', 'javascript:', 'evil()', 'onclick', 'steal'])
      expect(record.description).not.toContain(bad);
    // The subject is text, stored as written and rendered as text by every client.
    expect(record.title).toBe('<script>alert(4)</script> in the subject');
  });

  it('makes a readable record of invalid UTF-8, with replacement characters', async () => {
    const message = raw([
      'From: bytes@elsewhere.example',
      `To: ${HELPDESK}`,
      Buffer.concat([Buffer.from('Subject: caf'), Buffer.from([0xe9, 0xff, 0xfe]), Buffer.from(' menu')]),
      `Message-ID: ${messageId()}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      Buffer.concat([Buffer.from('broken '), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xf0, 0x28, 0x8c, 0x28]), Buffer.from(' bytes')]),
    ]);
    const sent = await t.send({ envelope, raw: message });
    expect(sent.code).toBe(250);
    const record = await t.incident(sent.number ?? '');
    expect(record.title).toMatch(/^caf.*menu$/);
    expect(record.description).toMatch(/^broken .* bytes$/);
    expect(record.description).toContain('\ufffd');
    await stillServing();
  });

  it('makes a record of broken MIME, or refuses it cleanly, and keeps serving', async () => {
    const message = raw([
      'From: broken@elsewhere.example',
      `To: ${HELPDESK}`,
      'Subject: Broken parts',
      'Content-Type: multipart/mixed; boundary="never-closed"',
      '',
      '--never-closed',
      'Content-Type: text/plain; charset=x-unknown-charset',
      'Content-Transfer-Encoding: base64',
      '',
      '!!!this is not base64***',
      '--never-closed',
      'Content-Type: application/octet-stream; name="half.bin"',
      'Content-Disposition: attachment; filename="half.bin"',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      '=ZZ=4',
    ]);
    const sent = await t.send({ envelope, raw: message });
    expect([250, 554]).toContain(sent.code);
    if (sent.code === 250) expect((await t.incident(sent.number ?? '')).title).toBe('Broken parts');
    const headerless = await t.send({ envelope, raw: Buffer.from('\r\n\r\n') });
    expect(headerless.code).toBe(554);
    await stillServing();
  });

  it('recognises a mail without a Message-ID delivered twice by its content', async () => {
    const message = raw(['From: noid@elsewhere.example', `To: ${HELPDESK}`, 'Subject: No id', '', 'same bytes']);
    const first = await t.send({ envelope, raw: message });
    const again = await t.send({ envelope, raw: message });
    expect(first.number).toMatch(/^INC-/);
    expect(again).toMatchObject({ code: 250, number: null });
  });

  it('ignores a sender who suddenly sends dozens of mails (a loop with a robot Keel cannot recognise)', async () => {
    const from = `robot${Date.now()}@elsewhere.example`;
    const answers: (string | null)[] = [];
    for (let i = 0; i < 31; i++) answers.push((await t.send({ from, subject: `Ticket ${i}`, text: 'auto' })).number);
    expect(answers.slice(0, 30).every((n) => n !== null)).toBe(true);
    expect(answers[30]).toBeNull();
    const [last] = (await t.admin.get<Page<MailMessage>>('/api/v1/mail/messages?outcome=ignored')).body.items;
    expect(last).toMatchObject({ sender: from, reason: 'rate' });
  });
});
