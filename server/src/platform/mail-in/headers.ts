/** A message's header fields by lower-cased name, each value unfolded; repeated fields keep every value. */
export type Headers = ReadonlyMap<string, readonly string[]>;

/** Builds the map from mailparser's raw header lines (`{key, line}`: "Name: value", possibly folded). */
export function headerMap(lines: readonly { key: string; line: string }[]): Headers {
  const map = new Map<string, string[]>();
  for (const { key, line } of lines) {
    const colon = line.indexOf(':');
    const value = (colon < 0 ? '' : line.slice(colon + 1)).replace(/\r?\n[ \t]+/g, ' ').trim();
    const name = key.toLowerCase();
    map.set(name, [...(map.get(name) ?? []), value]);
  }
  return map;
}

export function firstHeader(headers: Headers, name: string): string | null {
  return headers.get(name)?.[0] ?? null;
}
