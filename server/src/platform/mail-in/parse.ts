import { createHash } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { normaliseAddress } from './address.js';
import { bodyText } from './body.js';
import { firstHeader, type Headers, headerMap } from './headers.js';
import { messageIdsIn, ownMessageId } from './message-ids.js';

export type MailAttachment = { fileName: string; contentType: string; content: Buffer };

/** A received mail as Keel uses it: nothing of the HTML, no header Keel does not read. */
export type InboundMail = {
  /** Without angle brackets; made from the content's hash when the mail has none. */
  messageId: string;
  from: string | null;
  fromName: string | null;
  subject: string;
  text: string;
  /** In-Reply-To first, then References newest first: the likeliest parent leads. */
  references: string[];
  headers: Headers;
  attachments: MailAttachment[];
  size: number;
};

/** What mailparser may spend on one mail's HTML before giving up on it (the text part is read regardless). */
const MAX_HTML = 5 * 1024 * 1024;

/**
 * Reads a raw message. mailparser is tolerant: broken MIME, unknown charsets and invalid
 * UTF-8 come out as text with replacement characters; what still throws is the caller's to
 * reject.
 */
export async function parseMail(raw: Buffer): Promise<InboundMail> {
  const parsed = await simpleParser(raw, {
    skipTextToHtml: true,
    skipTextLinks: true,
    skipImageLinks: true,
    maxHtmlLengthToParse: MAX_HTML,
  });
  const headers = headerMap(parsed.headerLines);
  const sender = parsed.from?.value[0];
  const own = ownMessageId(firstHeader(headers, 'message-id'));
  const references = [
    ...messageIdsIn(firstHeader(headers, 'in-reply-to')),
    ...messageIdsIn((headers.get('references') ?? []).join(' ')).reverse(),
  ];
  return {
    messageId: own ?? `${createHash('sha256').update(raw).digest('hex')}@no-message-id.invalid`,
    from: normaliseAddress(sender?.address),
    fromName: sender?.name?.trim().slice(0, 200) || null,
    subject: parsed.subject ?? '',
    text: bodyText(parsed.text),
    references: [...new Set(references)],
    headers,
    attachments: parsed.attachments.map((a) => ({
      fileName: a.filename ?? '',
      contentType: a.contentType,
      content: a.content,
    })),
    size: raw.byteLength,
  };
}
