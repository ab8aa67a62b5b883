/**
 * The form item a server error path names. By default the first segment (`title`); inside a
 * nested group the whole path, list indexes as numbers: `custom.site` is ['custom', 'site'],
 * `targets.0.key` is ['targets', 0, 'key'].
 */
export function fieldNameOf(path: string, nested: readonly string[] = []): string | (string | number)[] {
  const segments = path.split('.');
  const head = segments[0] ?? path;
  if (segments.length < 2 || !nested.includes(head)) return head;
  return segments.map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}
