import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { Config } from '../../../config.js';
import { type JobHandler, PermanentJobError } from '../../jobs/worker.js';
import { notificationMessageId, threadRootId } from '../../mail-in/message-ids.js';
import { MAIL_JOB, mailJobPayloadSchema } from './payload.js';
import { recordLink, renderMail } from './templates.js';

/** What the handler needs of a nodemailer transport (tests may hand in their own). */
export type MailTransport = { sendMail: (message: SendMailOptions) => Promise<unknown> };

/** SMTP from KEEL_SMTP_URL, with timeouts that fit well inside a job's 60-second lease. */
export function smtpTransport(smtpUrl: string): MailTransport {
  return nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
}

/** The job handlers of notifications, to register with the worker. */
export function notifyJobHandlers(config: Config, transport?: MailTransport): Record<string, JobHandler> {
  return { [MAIL_JOB]: mailJobHandler(config, transport) };
}

/**
 * Sends one notification mail. The recipient's address and language are read now; a
 * recipient who was disabled or removed their address meanwhile gets nothing. A 4xx reply
 * or a lost connection is retried with the job system's backoff; a 5xx rejection fails the
 * job at once. The Message-ID names the record and comes from the notification's key, so a
 * mail sent again after a crash is recognisably the same message and a reply to it finds its
 * record (docs/mail.md).
 */
export function mailJobHandler(config: Config, given?: MailTransport): JobHandler {
  const { smtpUrl } = config.mail;
  const transport = given ?? (smtpUrl ? smtpTransport(smtpUrl) : null);
  const host = new URL(config.publicUrl).hostname;
  return async (job, db) => {
    if (!transport) throw new PermanentJobError('Mail is not configured (KEEL_SMTP_URL)');
    const parsed = mailJobPayloadSchema.safeParse(job.payload);
    if (!parsed.success) throw new PermanentJobError(`Malformed mail job: ${parsed.error.issues[0]?.message ?? ''}`);
    const payload = parsed.data;
    const user = await db.kysely
      .selectFrom('users')
      .select(['email', 'locale', 'display_name'])
      .where('id', '=', payload.userId)
      .where('active', '=', 1)
      .executeTakeFirst();
    if (!user?.email) return;
    const mail = renderMail({
      ...payload,
      locale: user.locale,
      recipientName: user.display_name,
      link: recordLink(config.publicUrl, payload.record),
    });
    try {
      await transport.sendMail({
        from: config.mail.from,
        to: user.email,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: notificationMessageId(payload.record.number, payload.key, host),
        // Every mail about one record shares a thread root, so mail clients group them.
        references: threadRootId(payload.record.number, host),
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All', 'X-Keel-Record': payload.record.number },
      });
    } catch (error) {
      throw smtpFailure(error, smtpUrl);
    }
  };
}

/** A safe error for the job's last_error and the log: the reply, never the URL or its password. */
function smtpFailure(error: unknown, smtpUrl: string | null): Error {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'ERROR';
  const permanent = typeof error === 'object' && error !== null && 'permanent' in error && error.permanent === true;
  let message = `SMTP ${code}: ${error instanceof Error ? error.message : String(error)}`;
  const password = smtpUrl ? decodeURIComponent(new URL(smtpUrl).password) : '';
  if (password) message = message.replaceAll(password, '***');
  return permanent ? new PermanentJobError(message) : new Error(message);
}
