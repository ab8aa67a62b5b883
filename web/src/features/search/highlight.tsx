import type { HighlightedText } from '@keel/shared';

export type Segment = { text: string; marked: boolean };

/**
 * Cuts text at the API's `[start, end)` ranges (UTF-16 offsets). Ranges are clamped to the
 * text and merged where they overlap, so a bad range never drops or repeats characters.
 */
export function segments({ text, ranges }: HighlightedText): Segment[] {
  const sorted = ranges
    .map(([start, end]): [number, number] => [Math.max(0, Math.min(start, text.length)), Math.max(0, Math.min(end, text.length))])
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  const out: Segment[] = [];
  let at = 0;
  for (const [start, end] of sorted) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    if (from > at) out.push({ text: text.slice(at, from), marked: false });
    const last = out.at(-1);
    // Touching or overlapping ranges make one mark.
    if (last?.marked && from === at) last.text += text.slice(from, end);
    else out.push({ text: text.slice(from, end), marked: true });
    at = end;
  }
  if (at < text.length) out.push({ text: text.slice(at), marked: false });
  return out;
}

/** Matched parts as <mark> elements built from plain text: nothing from the server is ever parsed as HTML. */
export function Highlighted({ value }: { value: HighlightedText }) {
  return (
    <>
      {segments(value).map((segment, i) =>
        segment.marked ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional and never reordered
          <mark key={i} className="keel-mark">
            {segment.text}
          </mark>
        ) : (
          segment.text
        ),
      )}
    </>
  );
}
