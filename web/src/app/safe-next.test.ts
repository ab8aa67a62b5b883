import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next';

const origin = 'https://keel.example';
const next = (raw: string | null) => safeNext(raw, '/', origin);

describe('safeNext', () => {
  it('keeps a local path with its query and hash', () => {
    expect(next('/admin/users?q=li#top')).toBe('/admin/users?q=li#top');
  });

  it('falls back when there is no next', () => {
    expect(next(null)).toBe('/');
    expect(next('')).toBe('/');
  });

  it.each([
    ['a protocol-relative URL', '//evil.example/x'],
    ['a backslash that browsers read as a slash', '/\\evil.example'],
    ['an absolute URL', 'https://evil.example/'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a relative path', 'admin/users'],
    ['a tab hidden in the slashes', '/\t/evil.example'],
    ['a newline', '/admin\n/users'],
  ])('refuses %s', (_name, raw) => {
    expect(next(raw)).toBe('/');
  });

  it('does not loop back to the sign-in page', () => {
    expect(next('/sign-in?next=/admin')).toBe('/');
  });
});
