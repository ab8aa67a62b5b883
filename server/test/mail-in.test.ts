import type { Attachment, MailMessage, Page } from '@keel/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from './client.js';
import { rawExec } from './harness.js';
import { type MailTest, messageId, startMailTest } from './mail-in-support.js';

let t: MailTest;

beforeAll(async () => {
  t = await startMailTest();
});
afterAll(async () => {
  await t?.close();
});

const mailLog = async (query = '') => (await t.admin.get<Page<MailMessage>>(`/api/v1/mail/messages${query}`)).body.items;

describe('the inbound mail log', () => {
  it('answers 401 to anonymous callers and 403 to agents', async () => {
    expect((await new Client(t.server.url).get('/api/v1/mail/messages')).status).toBe(401);
    const agent = await t.person();
    expect((await agent.client.get('/api/v1/mail/messages')).status).toBe(403);
    expect((await t.admin.get('/api/v1/mail/messages?outcome=nonsense')).status).toBe(400);
  });
});

describe('mail that raises incidents', () => {
  it('raises an incident for a known customer, with the subject as title and the body as description', async () => {
    const customer = await t.customer();
    const sent = await t.send({
      from: `"Li Wei" <${customer.email.toUpperCase()}>`,
      subject: 'Printer on floor 3 jams',
      text: 'It jams on every page.\n\nLi',
    });
    expect(sent.code).toBe(250);
    expect(sent.number).toMatch(/^INC-\d{6}$/);
    const number = sent.number ?? '';
    const record = await t.incident(number);
    expect(record).toMatchObject({
      title: 'Printer on floor 3 jams',
      description: 'It jams on every page.\n\nLi',
      requesterId: customer.user.id,
    });
    expect(record.organisationId).toBe(customer.user.organisationId);
    expect(record.source).toBe('mail');
    // The customer finds it in the portal like one they raised there.
    expect((await customer.client.get(`/api/v1/incidents/${number}`)).status).toBe(200);
    const [entry] = await t.journal(number);
    expect(entry).toMatchObject({ kind: 'mail', visibility: 'internal', authorId: customer.user.id, data: { event: 'received' } });
    const [logged] = await mailLog();
    expect(logged).toMatchObject({ outcome: 'created', recordNumber: number, sender: customer.email, reason: null });
  });

  it('raises an incident without a requester for an unknown sender, and keeps the address', async () => {
    const sent = await t.send({ from: 'stranger@elsewhere.example', subject: 'Website down', text: 'Your shop says 502.' });
    const number = sent.number ?? '';
    expect((await t.incident(number)).requesterId).toBeNull();
    const [entry] = await t.journal(number);
    expect(entry).toMatchObject({ kind: 'mail', authorId: null, data: { from: 'stranger@elsewhere.example' } });
  });

  it('never takes an agent’s address as the agent: a forged From is an external sender', async () => {
    const agent = await t.person();
    const customer = await t.customer();
    const theirs = (await t.send({ from: customer.email, subject: 'VPN broken', text: 'help' })).number ?? '';
    const forged = await t.send({ from: agent.email, subject: `Re: [${theirs}] VPN broken`, text: 'Closing this, all fine.' });
    expect(forged.code).toBe(250);
    // Not a reply on the customer's incident, and nothing written as the agent.
    expect(forged.number).not.toBe(theirs);
    const record = await t.incident(forged.number ?? '');
    expect(record.requesterId).toBeNull();
    expect((await t.journal(forged.number ?? '')).every((e) => e.authorId === null)).toBe(true);
    expect((await t.journal(theirs)).filter((e) => e.kind === 'mail')).toHaveLength(1);
    const audit = await t.admin.get<Page<{ actorId: number | null; objectLabel: string }>>(`/api/v1/audit/events?objectType=incident`);
    expect(audit.body.items.find((e) => e.objectLabel === forged.number)?.actorId).toBeNull();
  });

  it('refuses mail for addresses that are not Keel’s, at RCPT TO', async () => {
    const sent = await t.send({ from: 'x@elsewhere.example', to: 'someone@gmail.example', subject: 'relay?', text: 'x' });
    expect(sent.code).toBe(550);
    expect((await t.send({ from: 'x@elsewhere.example', to: 'it@support.keel.test', subject: 'by domain', text: 'x' })).code).toBe(250);
  });
});

describe('replies', () => {
  it('thread by the number in the subject as a public mail comment, without the quoted mail', async () => {
    const customer = await t.customer();
    const number = (await t.send({ from: customer.email, subject: 'Laptop slow', text: 'Very slow.' })).number ?? '';
    const reply = await t.send({
      from: customer.email,
      subject: `RE: [${number}] Laptop slow`,
      text: 'Now it does not boot at all.\n\nOn Mon, 1 Jan 2026 Keel wrote:\n> Very slow.',
    });
    expect(reply).toMatchObject({ code: 250, number });
    const entry = (await t.journal(number)).at(-1);
    expect(entry).toMatchObject({ kind: 'mail', visibility: 'public', body: 'Now it does not boot at all.', authorId: customer.user.id });
    // The customer sees their own reply in their timeline.
    const theirs = await customer.client.get<Page<{ kind: string }>>(`/api/v1/incidents/${number}/journal`);
    expect(theirs.body.items.map((e) => e.kind)).toContain('mail');
  });

  it('thread by In-Reply-To even when the subject names no number', async () => {
    const first = messageId();
    const number = (await t.send({ from: 'ext@elsewhere.example', subject: 'Badge reader', text: 'Door 4 dead', messageId: first })).number;
    const reply = await t.send({
      from: 'ext@elsewhere.example',
      subject: 'more',
      text: 'Door 5 too',
      inReplyTo: first,
      references: [first],
    });
    expect(reply.number).toBe(number);
    expect((await t.journal(number ?? '')).at(-1)).toMatchObject({ kind: 'mail', body: 'Door 5 too', authorId: null });
    // The first mail's Message-ID is the record's identifier in its source.
    expect((await t.incident(number ?? '')).externalId).toBe(first.slice(1, -1));
  });

  it('start a new incident when the sender may not add to the named one', async () => {
    const owner = await t.customer();
    const other = await t.customer();
    const number = (await t.send({ from: owner.email, subject: 'Mine', text: 'x' })).number ?? '';
    const reply = await t.send({ from: other.email, subject: `[${number}] hijack`, text: 'y' });
    expect(reply.number).not.toBe(number);
    expect((await t.incident(reply.number ?? '')).requesterId).toBe(other.user.id);
  });
});

describe('a message delivered twice', () => {
  it('is acknowledged again without a second record', async () => {
    const id = messageId();
    const mail = { from: 'twice@elsewhere.example', subject: 'Duplicate me', text: 'once', messageId: id };
    const first = await t.send(mail);
    const again = await t.send(mail);
    expect(first.code).toBe(250);
    expect(again).toMatchObject({ code: 250, number: null });
    expect(again.response).toContain('already received');
    const items = (await mailLog()).filter((m) => m.messageId === id.slice(1, -1));
    expect(items).toHaveLength(1);
    const list = await t.admin.get<Page<{ title: string }>>('/api/v1/incidents?q=Duplicate%20me');
    expect(list.body.items.filter((r) => r.title === 'Duplicate me')).toHaveLength(1);
  });
});

describe('automatic mail', () => {
  it('ignores auto-replies, bounces, bulk mail and Keel’s own mail coming back', async () => {
    const before = (await mailLog('?outcome=created')).length;
    const cases: [string, Parameters<MailTest['send']>[0]][] = [
      [
        'auto_reply',
        { from: 'ooo@elsewhere.example', subject: 'Out of office', text: 'away', headers: { 'Auto-Submitted': 'auto-replied' } },
      ],
      ['bulk', { from: 'news@elsewhere.example', subject: 'Newsletter', text: 'sale', headers: { Precedence: 'bulk' } }],
      ['loop', { from: 'keel@keel.test', subject: '[INC-000001] New comment', text: 'x', headers: { 'X-Keel-Record': 'INC-000001' } }],
      ['bounce', { envelope: { from: '', to: ['help@keel.test'] }, from: 'postmaster@mx.example', subject: 'Undelivered', text: 'failed' }],
    ];
    for (const [reason, mail] of cases) {
      const id = messageId();
      const sent = await t.send({ ...mail, messageId: id });
      expect(sent, reason).toMatchObject({ code: 250, number: null });
      expect((await mailLog()).find((m) => m.messageId === id.slice(1, -1))).toMatchObject({
        outcome: 'ignored',
        reason,
        recordNumber: null,
      });
    }
    const report = [
      'From: MAILER-DAEMON@mx.example',
      `To: ${'help@keel.test'}`,
      'Subject: Delivery Status Notification',
      `Message-ID: ${messageId()}`,
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      'Your message could not be delivered.',
      '--b--',
      '',
    ].join('\r\n');
    expect(await t.send({ envelope: { from: 'bounce@mx.example', to: ['help@keel.test'] }, raw: report })).toMatchObject({
      code: 250,
      number: null,
    });
    expect((await mailLog())[0]).toMatchObject({ outcome: 'ignored', reason: 'bounce' });
    expect((await mailLog('?outcome=created')).length).toBe(before);
  });
});

describe('files and outbound threading', () => {
  it('keeps an attachment, downloadable, and drops a program with a note', async () => {
    const customer = await t.customer();
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a3a1a5d90000000049454e44ae426082',
      'hex',
    );
    const sent = await t.send({
      from: customer.email,
      subject: 'Screenshot of the error',
      text: 'see attached',
      attachments: [
        { filename: 'error.png', content: png, contentType: 'image/png' },
        { filename: 'fix.exe', content: Buffer.from('MZ\x90\x00 not really a program'), contentType: 'application/octet-stream' },
      ],
    });
    const number = sent.number ?? '';
    const files = (await customer.client.get<{ items: Attachment[] }>(`/api/v1/incidents/${number}/attachments`)).body.items;
    expect(files.map((f) => [f.fileName, f.mediaType, f.uploadedById])).toEqual([['error.png', 'image/png', customer.user.id]]);
    const download = await customer.client.get(`/api/v1/incidents/${number}/attachments/${files[0]?.id}/content`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-length')).toBe(String(png.byteLength));
    const [received] = await t.journal(number);
    expect(received?.data.dropped).toEqual([{ fileName: 'fix.exe', reason: 'refused' }]);
  });

  it('sends notification mail with a Message-ID Keel recognises, so an answer to it threads', async () => {
    const customer = await t.customer();
    const number = (await t.send({ from: customer.email, subject: 'Monitor flickers', text: 'flicker' })).number ?? '';
    const agent = await t.person();
    expect((await agent.client.post(`/api/v1/incidents/${number}/comments`, { body: 'Which model?', internal: false })).status).toBe(201);
    await t.deliverOutbound();
    const [notification] = t.outbound.to(customer.email);
    expect(notification?.messageId).toMatch(new RegExp(`^<keel\\.${number}\\.[0-9a-f]{32}@keel\\.test>$`));
    expect(notification?.headers.get('x-keel-record')).toBe(number);
    // Mail clients keep In-Reply-To; some drop the subject's number.
    const reply = await t.send({
      from: customer.email,
      subject: 'Re: New comment',
      text: 'Dell U2720Q',
      inReplyTo: notification?.messageId,
    });
    expect(reply.number).toBe(number);
    expect((await t.journal(number)).at(-1)).toMatchObject({ kind: 'mail', body: 'Dell U2720Q', authorId: customer.user.id });
  });
});

describe('a failure while recording', () => {
  it('answers 451 with nothing kept, so the sending server retries and the retry is recorded', async () => {
    const id = messageId();
    const mail = { from: 'retry@elsewhere.example', subject: 'Retried later', text: 'please', messageId: id };
    await rawExec(t.database.db, 'alter table record_sequences rename to record_sequences_away');
    let failed: Awaited<ReturnType<MailTest['send']>>;
    try {
      failed = await t.send(mail);
    } finally {
      await rawExec(t.database.db, 'alter table record_sequences_away rename to record_sequences');
    }
    expect(failed.code).toBe(451);
    expect((await mailLog()).some((m) => m.messageId === id.slice(1, -1))).toBe(false);
    const retried = await t.send(mail);
    expect(retried.number).toMatch(/^INC-/);
  });
});
