import type { HighlightedText } from '@keel/shared';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Where any term occurs, case-insensitively: merged [start, end) ranges in UTF-16 units of `text`. */
export function matchRanges(text: string, terms: readonly string[]): [number, number][] {
  const found: [number, number][] = [];
  for (const term of terms) {
    if (!term) continue;
    for (const m of text.matchAll(new RegExp(escapeRegExp(term), 'giu'))) found.push([m.index, m.index + m[0].length]);
  }
  found.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const [start, end] of found) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

export function highlight(text: string, terms: readonly string[]): HighlightedText {
  return { text, ranges: matchRanges(text, terms) };
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * A passage of about `width` characters around the first match, with an ellipsis where it was
 * cut and line breaks as spaces (one for one, so offsets hold); null when nothing matches.
 */
export function snippet(text: string, terms: readonly string[], width = 160): HighlightedText | null {
  const ranges = matchRanges(text, terms);
  const first = ranges[0];
  if (!first) return null;
  let start = Math.max(0, Math.min(first[0] - Math.floor(width / 3), text.length - width));
  let end = Math.min(text.length, start + width);
  // Never cut a character written as a surrogate pair (emoji, rare CJK) in half.
  if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start--;
  if (end < text.length && isLowSurrogate(text.charCodeAt(end))) end++;
  const prefix = start > 0 ? '…' : '';
  const body = text.slice(start, end).replace(/[\r\n\t]/g, ' ');
  const shift = prefix.length - start;
  const inside = ranges
    .filter(([s, e]) => e > start && s < end)
    .map(([s, e]): [number, number] => [Math.max(s, start) + shift, Math.min(e, end) + shift]);
  return { text: `${prefix}${body}${end < text.length ? '…' : ''}`, ranges: inside };
}
