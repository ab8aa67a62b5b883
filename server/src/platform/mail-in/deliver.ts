import { catalogues, type MailIgnoreReason } from '@keel/shared';
import type { Transaction } from 'kysely';
import type { Config } from '../../config.js';
import type { Db } from '../../db/connect.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { Database } from '../../db/schema.js';
import type { BlobStore } from '../attachments/blob-store.js';
import { addAttachment } from '../attachments/commands.js';
import type { Upload } from '../attachments/receive.js';
import type { AuditContext } from '../audit/append.js';
import { addComment, createRecord } from '../records/commands.js';
import { appendJournal } from '../records/journal.js';
import type { RecordTypeDefinition } from '../records/record-type.js';
import { type DroppedFile, discardUploads, stageMailFiles } from './attachments.js';
import { replyText } from './body.js';
import { ignoreReason } from './classify.js';
import type { InboundMail } from './parse.js';
import { type MailCustomer, matchCustomer } from './sender.js';
import { titleOf } from './subject.js';
import { findThread } from './thread.js';

export type MailDeps = { db: Db; config: Config; store: BlobStore; types: readonly RecordTypeDefinition[]; ownHost: string };
export type Envelope = { from: string; remoteAddress: string | null; sessionId: string };
export type Delivery =
  | { outcome: 'created' | 'replied'; recordNumber: string }
  | { outcome: 'ignored'; reason: MailIgnoreReason }
  | { outcome: 'duplicate' };

/** More mail than this from one address in the window is a robot talking to Keel: ignored, not recorded as records. */
const RATE = { messages: 30, windowMs: 10 * 60_000 };

type Trx = Transaction<Database>;

/** Enough of the subject for the mail log and the journal; the record's title has its own limit. */
const subjectOf = (mail: InboundMail) => mail.subject.slice(0, 500);

async function known(db: Db, messageId: string): Promise<boolean> {
  const row = await db.kysely.selectFrom('mail_messages').select('id').where('message_id', '=', messageId).executeTakeFirst();
  return row !== undefined;
}

async function overRate(db: Db, sender: string | null, now: number): Promise<boolean> {
  if (!sender) return false;
  const row = await db.kysely
    .selectFrom('mail_messages')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('sender', '=', sender)
    .where('received_at', '>', now - RATE.windowMs)
    .executeTakeFirstOrThrow();
  return Number(row.n) >= RATE.messages;
}

function contextOf(deps: MailDeps, mail: InboundMail, envelope: Envelope, customer: MailCustomer | null): AuditContext {
  return {
    actorId: customer?.id ?? null,
    // Who the mail says it is from, marked so the audit trail never mistakes it for a signed-in user.
    actorName: `mail:${mail.from ?? 'unknown'}`,
    ip: envelope.remoteAddress,
    requestId: envelope.sessionId,
    dialect: deps.db.dialect,
    mail: deps.config.mail.smtpUrl !== null,
  };
}

/** The mail's journal data: where it came from, and which files were not attached and why. */
function mailData(mail: InboundMail, dropped: DroppedFile[], extra: Record<string, unknown> = {}) {
  return { ...extra, from: mail.from, fromName: mail.fromName, subject: subjectOf(mail), messageId: mail.messageId, dropped };
}

async function record(
  trx: Trx,
  deps: MailDeps,
  ctx: AuditContext,
  mail: InboundMail,
  customer: MailCustomer | null,
  dropped: DroppedFile[],
) {
  const thread = await findThread(trx, { mail, customer, types: deps.types, ownHost: deps.ownHost });
  const author = customer ? { userId: customer.id, kind: 'customer' as const } : null;
  if (thread) {
    const { def, record } = thread;
    const entryId = await addComment(trx, ctx, def, author, {
      number: record.number,
      body: replyText(mail.text),
      internal: false,
      mail: mailData(mail, dropped),
    });
    return { outcome: 'replied' as const, def, owner: record, entryId };
  }
  const def = deps.types.find((t) => t.mail);
  if (!def) throw new Error('No record type takes mail');
  const title = titleOf(mail.subject) || catalogues[deps.config.defaultLocale].records.mail.noSubject;
  const number = await createRecord(
    trx,
    ctx,
    def,
    null,
    { title, description: mail.text, requesterId: customer?.id ?? null },
    { source: 'mail', externalId: mail.messageId },
  );
  const owner = await trx.selectFrom('records').select(['id', 'type', 'number']).where('number', '=', number).executeTakeFirstOrThrow();
  // Staff see who sent it (a sender matched to no user is otherwise nowhere on the record).
  const entryId = await appendJournal(trx, {
    recordId: owner.id,
    kind: 'mail',
    visibility: 'internal',
    data: mailData(mail, dropped, { event: 'received' }),
    authorId: author?.userId ?? null,
  });
  return { outcome: 'created' as const, def, owner, entryId };
}

async function ignore(deps: MailDeps, mail: InboundMail, reason: MailIgnoreReason, now: number): Promise<Delivery> {
  try {
    await deps.db.kysely
      .insertInto('mail_messages')
      .values({
        message_id: mail.messageId,
        sender: mail.from,
        subject: subjectOf(mail),
        outcome: 'ignored',
        reason,
        size: mail.size,
        received_at: now,
      })
      .execute();
  } catch (error) {
    if (isUniqueViolation(error)) return { outcome: 'duplicate' };
    throw error;
  }
  return { outcome: 'ignored', reason };
}

/**
 * Turns an accepted mail into a new record or a reply, with its files, in one transaction
 * that also stores its Message-ID: the caller acknowledges the mail only after this returns,
 * and the same message delivered again is recognised instead of recorded twice.
 */
export async function deliverMail(deps: MailDeps, mail: InboundMail, envelope: Envelope): Promise<Delivery> {
  const now = Date.now();
  if (await known(deps.db, mail.messageId)) return { outcome: 'duplicate' };
  const reason =
    ignoreReason({ headers: mail.headers, envelopeFrom: envelope.from, from: mail.from, ownHost: deps.ownHost }) ??
    ((await overRate(deps.db, mail.from, now)) ? 'rate' : null);
  if (reason) return ignore(deps, mail, reason, now);

  const { uploads, dropped } = await stageMailFiles(deps.store, mail.attachments);
  try {
    return await deps.db.kysely.transaction().execute(async (trx) => {
      // First, so a second delivery racing this one waits on the unique key and then finds it.
      const row = await trx
        .insertInto('mail_messages')
        .values({
          message_id: mail.messageId,
          sender: mail.from,
          subject: subjectOf(mail),
          outcome: 'created',
          size: mail.size,
          received_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const customer = await matchCustomer(trx, mail.from);
      const ctx = contextOf(deps, mail, envelope, customer);
      const done = await record(trx, deps, ctx, mail, customer, dropped);
      await attachAll(trx, deps, ctx, done.owner, customer, uploads);
      await trx
        .updateTable('mail_messages')
        .set({ outcome: done.outcome, record_id: done.owner.id, journal_entry_id: done.entryId })
        .where('id', '=', row.id)
        .execute();
      return { outcome: done.outcome, recordNumber: done.owner.number };
    });
  } catch (error) {
    if (isUniqueViolation(error) && (await known(deps.db, mail.messageId))) return { outcome: 'duplicate' };
    throw error;
  } finally {
    await discardUploads(uploads);
  }
}

async function attachAll(
  trx: Trx,
  deps: MailDeps,
  ctx: AuditContext,
  owner: { id: number; type: string; number: string },
  customer: MailCustomer | null,
  uploads: Upload[],
) {
  for (const upload of uploads) await addAttachment(trx, ctx, deps.store, { record: owner, uploaderId: customer?.id ?? null, upload });
}
