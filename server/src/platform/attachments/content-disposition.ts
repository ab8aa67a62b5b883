import { extensionOf } from './file-name.js';

/** RFC 5987 attr-char: everything else is percent-encoded (encodeURIComponent leaves ' ( ) * alone). */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A plain-ASCII stand-in for clients that ignore filename*: non-ASCII runs become "_", quotes and backslashes go. */
export function asciiFallback(name: string): string {
  const extension = extensionOf(name);
  const asciiExtension = /^[\x20-\x7E]*$/.test(extension) ? extension : '';
  const stem = name.slice(0, name.length - extension.length);
  const ascii = stem.replace(/[^\x20-\x7E]+/g, '_').replace(/["\\%]/g, '_');
  // A name that was all Chinese (故障截图.png) would otherwise arrive as "_.png".
  const readable = /[A-Za-z0-9]/.test(ascii) ? ascii : 'attachment';
  return `${readable}${asciiExtension}`;
}

/**
 * The Content-Disposition of every download (RFC 6266): always `attachment`, never `inline`,
 * with an ASCII `filename` and the exact name as UTF-8 in `filename*`.
 */
export function contentDisposition(name: string): string {
  return `attachment; filename="${asciiFallback(name)}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}
