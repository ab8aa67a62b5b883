const NUMBER = /(?:^|[^A-Za-z0-9-])([A-Za-z]{2,8}-\d{6,})(?![0-9])/g;
const REPLY_PREFIX = /^\s*(?:(?:re|fw|fwd|aw|wg|sv|vs|tr|rv|回复|回覆|答复|转发|轉寄)\s*(?:\[\d+\])?\s*[:：]\s*)+/i;
const MAX_TITLE = 200;

/**
 * The first record number in a subject whose prefix is one of `prefixes` ("Re: [INC-000042]
 * printer" → "INC-000042"), or null. Bracketed numbers are what Keel's own mails carry, but a
 * number typed by hand counts as well.
 */
export function numberInSubject(subject: string, prefixes: readonly string[]): string | null {
  for (const match of subject.matchAll(NUMBER)) {
    const number = (match[1] ?? '').toUpperCase();
    if (prefixes.includes(number.slice(0, number.indexOf('-')))) return number;
  }
  return null;
}

/**
 * A record title from a subject: reply and forward prefixes dropped, control characters and
 * runs of spaces folded, cut to the title limit; empty when nothing is left.
 */
export function titleOf(subject: string): string {
  const clean = subject
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, ' ')
    .replace(REPLY_PREFIX, '')
    .replace(/\s+/g, ' ')
    .trim();
  return [...clean].slice(0, MAX_TITLE).join('').trim();
}
