import {
  catalogues,
  type Locale,
  type NotificationEventParams,
  type NotificationRecord,
  notificationExcerpt,
  notificationTextValues,
} from '@keel/shared';

export type MailInput = NotificationEventParams & {
  locale: Locale;
  recipientName: string;
  record: NotificationRecord;
  actorName: string | null;
  /** The record's page. */
  link: string;
};

export type MailContent = { subject: string; text: string; html: string };

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** Fills {{name}} placeholders as i18next does in the web app; the HTML part escapes the result as a whole. */
export function interpolate(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');
}

/**
 * One notification mail in the recipient's language: a subject starting with the record
 * number in brackets (so replies can be threaded back to it), plain text and HTML. Every
 * value from users (titles, names, comments) is escaped in the HTML; nothing is rendered
 * as markdown, so a comment cannot bring links or images into the mail.
 */
export function renderMail(input: MailInput): MailContent {
  const t = catalogues[input.locale].notify;
  const values = notificationTextValues(input, input.locale, t.someone);
  // Titles cannot hold control characters, but a header is no place to find out they can.
  const subject = interpolate(t.mail.subjects[input.event], values).replace(/[\r\n\t]+/g, ' ');
  const greeting = interpolate(t.mail.greeting, { name: input.recipientName });
  const line = interpolate(t.mail.lines[input.event], values);
  const excerpt = notificationExcerpt(input);
  const internal = input.event === 'mentioned' && input.params.internal ? `[${t.internal}] ` : '';
  const open = interpolate(t.mail.open, values);

  const text = [
    greeting,
    '',
    line,
    ...(excerpt ? ['', `> ${internal}${excerpt}`] : []),
    '',
    `${open}: ${input.link}`,
    '',
    '-- ',
    t.mail.footer,
  ].join('\n');
  const quote = excerpt
    ? `<blockquote style="margin:12px 0;padding:8px 12px;border-left:3px solid #d9d9d9;color:#595959">${escapeHtml(internal + excerpt)}</blockquote>`
    : '';
  const html = [
    '<!doctype html>',
    `<html lang="${input.locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:-apple-system,Segoe UI,PingFang SC,Microsoft YaHei,sans-serif;font-size:14px;color:#262626">',
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>${escapeHtml(line)}</p>`,
    quote,
    `<p><a href="${escapeHtml(input.link)}">${escapeHtml(open)}</a></p>`,
    `<hr style="border:none;border-top:1px solid #f0f0f0"><p style="font-size:12px;color:#8c8c8c">${escapeHtml(t.mail.footer)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}

/** The record's page in the web app: /<type path>/<number>. */
export function recordLink(publicUrl: string, record: Pick<NotificationRecord, 'path' | 'number'>): string {
  return `${publicUrl}/${encodeURIComponent(record.path)}/${encodeURIComponent(record.number)}`;
}
