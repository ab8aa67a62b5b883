import { EXCERPT_MAX } from '@keel/shared';

/** At most this many people are looked up per text: a comment naming more is noise, not a notification list. */
export const MENTIONS_MAX = 20;

// Code spans and fenced blocks quote text (a log line, an address); an @ inside them mentions no one.
const CODE = /```[\s\S]*?(?:```|$)|`[^`\n]*`/g;
// The web renderer's grammar, so exactly the highlighted names are notified: "@" not preceded by a
// username character (an e-mail address is no mention) or a backslash (an escaped @), and a name
// that does not end in a dot (a sentence may end right after it).
const MENTION = /(?<![A-Za-z0-9._@\\-])@([A-Za-z0-9._-]*[A-Za-z0-9_-])/g;

/** The usernames `@mentioned` in a markdown text, lower-cased (usernames compare case-insensitively), unique, in order. */
export function parseMentions(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.replace(CODE, ' ').matchAll(MENTION)) {
    if (match[1]) found.add(match[1].toLowerCase());
    if (found.size >= MENTIONS_MAX) break;
  }
  return [...found];
}

/** A comment's first words for a notification: whitespace folded, cut at EXCERPT_MAX characters. */
export function excerptOf(text: string): string {
  const folded = text.replace(/\s+/g, ' ').trim();
  const chars = [...folded];
  return chars.length <= EXCERPT_MAX ? folded : `${chars.slice(0, EXCERPT_MAX - 1).join('')}…`;
}
