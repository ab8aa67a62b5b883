import { EXCERPT_MAX, mentionsIn } from '@keel/shared';

/** At most this many people are looked up per text: a comment naming more is noise, not a notification list. */
export const MENTIONS_MAX = 20;

/**
 * The usernames `@mentioned` in a markdown text, lower-cased (usernames compare
 * case-insensitively), unique, in order, at most MENTIONS_MAX. The grammar is the web
 * renderer's (`mentionsIn`), so exactly the highlighted names are notified.
 */
export function parseMentions(text: string): string[] {
  return [...new Set(mentionsIn(text).map((name) => name.toLowerCase()))].slice(0, MENTIONS_MAX);
}

/** A comment's first words for a notification: whitespace folded, cut at EXCERPT_MAX characters. */
export function excerptOf(text: string): string {
  const folded = text.replace(/\s+/g, ' ').trim();
  const chars = [...folded];
  return chars.length <= EXCERPT_MAX ? folded : `${chars.slice(0, EXCERPT_MAX - 1).join('')}…`;
}
