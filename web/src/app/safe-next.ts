/**
 * The page to return to after sign-in, only if it is a path on this site. Rejects
 * `//host`, `/\host` (browsers read a backslash as a slash), schemes and control
 * characters, so `?next=` can never send a user to another origin.
 */
export function safeNext(raw: string | null | undefined, fallback = '/', origin = window.location.origin): string {
  if (!raw?.startsWith('/') || raw.startsWith('//') || raw.includes('\\')) return fallback;
  if ([...raw].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return fallback;
  try {
    const url = new URL(raw, origin);
    if (url.origin !== origin) return fallback;
    if (url.pathname === '/sign-in') return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}

export function signInPath(next: string): string {
  const target = safeNext(next, '');
  return target && target !== '/' ? `/sign-in?next=${encodeURIComponent(target)}` : '/sign-in';
}
