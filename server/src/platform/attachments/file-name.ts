import { ATTACHMENT_LIMITS } from '@keel/shared';

const FALLBACK_STEM = 'attachment';
/** An extension worth keeping when a name is cut: a dot and up to 16 letters or digits. */
const EXTENSION = /\.[\p{L}\p{N}]{1,16}$/u;
/** Device names Windows treats specially whatever the extension (CON.txt is still CON). */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
/**
 * Control characters (C0, DEL, C1) and format characters: bidi embeddings and overrides
 * (U+202E turns "gpj.exe" into "exe.jpg" on screen), isolates, marks, zero-width characters
 * and the BOM. They are invisible and serve only to disguise a name.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;
/** Characters Windows refuses in names; path separators go with them. */
const UNSAFE = /[<>:"/\\|?*]/g;

const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** Cuts to at most `max` UTF-8 bytes without splitting a character. */
function cutToBytes(text: string, max: number): string {
  let out = '';
  for (const ch of text) {
    if (utf8Bytes(out + ch) > max) break;
    out += ch;
  }
  return out;
}

/** The name's extension with its dot (".png"), lower-cased; "" when it has none worth keeping. */
export function extensionOf(name: string): string {
  return EXTENSION.exec(name)?.[0].toLowerCase() ?? '';
}

/**
 * A file name safe to store, show and offer for download: the last path segment only, no
 * control, bidi or zero-width characters, no characters Windows refuses, no leading dots
 * (hidden files) or trailing dots and spaces, no reserved device names, at most
 * ATTACHMENT_LIMITS.fileNameBytes UTF-8 bytes with the extension kept. Never empty; Chinese
 * and other scripts are kept as they are (NFC).
 */
export function sanitiseFileName(raw: string, maxBytes: number = ATTACHMENT_LIMITS.fileNameBytes): string {
  const lastSegment = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  let name = lastSegment
    .replace(INVISIBLE, '')
    .replace(UNSAFE, '_')
    .replace(/\s+/gu, ' ')
    .replace(/^[\s.]+/u, '')
    .replace(/[\s.]+$/u, '');
  const extension = extensionOf(name);
  let stem = name.slice(0, name.length - extension.length).replace(/[\s.]+$/u, '');
  if (stem === '') stem = FALLBACK_STEM;
  // "CON.txt" and "con .tar.gz" both open the console device on Windows: the part before the first dot counts.
  if (WINDOWS_RESERVED.test(stem.split('.')[0]?.trim() ?? '')) stem = `_${stem}`;
  const room = maxBytes - utf8Bytes(extension);
  if (utf8Bytes(stem) > room) stem = cutToBytes(stem, room).replace(/[\s.]+$/u, '') || FALLBACK_STEM;
  name = `${stem}${extension}`;
  return name;
}
