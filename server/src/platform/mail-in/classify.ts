import type { MailIgnoreReason } from '@keel/shared';
import { firstHeader, type Headers } from './headers.js';
import { isOwnMessageId, ownMessageId } from './message-ids.js';

export type ClassifyInput = {
  headers: Headers;
  /** The SMTP envelope sender: '' for the null sender `<>` that bounces use. */
  envelopeFrom: string;
  /** The lower-cased From address, if any. */
  from: string | null;
  /** Keel's own mail host (from KEEL_PUBLIC_URL), which our notifications' Message-IDs name. */
  ownHost: string;
};

const BULK_PRECEDENCE = new Set(['bulk', 'junk', 'list']);
const AUTO_REPLY_HEADERS = ['x-autoreply', 'x-autorespond', 'x-auto-reply', 'x-autoresponder'];
const DAEMON = /^(mailer-daemon|postmaster|mail-daemon)@/;

const lower = (value: string | null) => (value ?? '').trim().toLowerCase();

/**
 * Why a mail must not become a record or a reply, or null when it may. Answering machines,
 * bounces and our own notifications coming back would otherwise start a loop between Keel
 * and another robot (RFC 3834 for Auto-Submitted, RFC 6522 for multipart/report).
 */
export function ignoreReason(input: ClassifyInput): MailIgnoreReason | null {
  const { headers } = input;
  if ([...headers.keys()].some((name) => name.startsWith('x-keel-'))) return 'loop';
  const id = ownMessageId(firstHeader(headers, 'message-id'));
  if (id && isOwnMessageId(id, input.ownHost)) return 'loop';

  const contentType = lower(firstHeader(headers, 'content-type'));
  if (contentType.startsWith('multipart/report')) return 'bounce';
  if (input.envelopeFrom === '' || lower(firstHeader(headers, 'return-path')) === '<>') return 'bounce';
  if (input.from && DAEMON.test(input.from)) return 'bounce';

  const autoSubmitted = lower(firstHeader(headers, 'auto-submitted'));
  if (autoSubmitted && autoSubmitted !== 'no') return 'auto_reply';
  if (AUTO_REPLY_HEADERS.some((name) => headers.has(name))) return 'auto_reply';
  const precedence = lower(firstHeader(headers, 'precedence'));
  if (precedence === 'auto_reply') return 'auto_reply';
  if (BULK_PRECEDENCE.has(precedence)) return 'bulk';
  return null;
}
