import { extensionOf } from './file-name.js';

export const OCTET_STREAM = 'application/octet-stream';
/** How many leading bytes the text sniffer looks at. */
export const SNIFF_BYTES = 8192;

/**
 * Types a download may be labelled with: formats a browser shows as what they are or saves,
 * never as a page of our origin. Anything that can carry script into a page (HTML, SVG, XML,
 * JavaScript) or that is not known is served as application/octet-stream.
 */
const SERVED_AS_SNIFFED = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/bmp',
  'image/tiff',
  'image/avif',
  'image/heic',
  'image/x-icon',
  'application/pdf',
  'text/plain',
  'application/zip',
  'application/gzip',
  'application/x-7z-compressed',
  'application/x-rar-compressed',
  'application/x-tar',
  'application/x-cfb',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  'audio/mpeg',
  'audio/wav',
  'audio/ogg',
  'video/mp4',
  'video/webm',
  'video/quicktime',
]);

/**
 * Contents that are programs, whatever they are called (as file-type names them; an MSI is
 * a compound file like an old .doc, so only its extension gives it away).
 */
const REFUSED_TYPES = new Set([
  'application/x-msdownload',
  'application/x-elf',
  'application/x-mach-binary',
  'application/java-vm',
  'application/java-archive',
  'application/vnd.android.package-archive',
]);

/**
 * Names Windows or a shell runs on a double click: programs, installers, scripts and
 * shortcuts. Only the last extension counts ("report.pdf.exe" is an .exe; "run.exe.txt" is
 * text, and its content is checked separately).
 */
const REFUSED_EXTENSIONS = new Set([
  '.exe',
  '.dll',
  '.com',
  '.scr',
  '.pif',
  '.cpl',
  '.msi',
  '.msp',
  '.bat',
  '.cmd',
  '.ps1',
  '.psm1',
  '.vbs',
  '.vbe',
  '.js',
  '.jse',
  '.mjs',
  '.wsf',
  '.wsh',
  '.hta',
  '.lnk',
  '.reg',
  '.sh',
  '.jar',
  '.apk',
  '.app',
]);

/** HTML openers a browser's sniffer would act on (WHATWG MIME sniffing, "identifying a resource with an unknown MIME type"). */
const HTML_START = /^<(!doctype html|html|head|body|script|iframe|h1|div|font|table|a|style|title|b|br|p|!--)[\s>/]/i;
/** Markup anywhere in the sample that would run if a browser ever rendered the text as a page. */
const ACTIVE_MARKUP = /<(script|iframe|object|embed|html|body|svg|img|form|meta|link|style)[\s>/]/i;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The leading bytes as UTF-8 text (a character cut off at the end of the sample is allowed); null if they are not text. */
function decodeText(head: Uint8Array): string | null {
  if (head.includes(0)) return null;
  for (let trim = 0; trim <= 3 && trim < head.length; trim++) {
    try {
      return utf8.decode(head.subarray(0, head.length - trim));
    } catch {
      // A multi-byte character cut by the sample's end: try a byte shorter.
    }
  }
  return null;
}

/** More than a few C0 control characters (other than tab, line feed, form feed, carriage return and escape) means binary. */
function looksBinary(text: string): boolean {
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d && code !== 0x1b) controls++;
  }
  return controls > text.length / 100;
}

/**
 * Recognises the text formats file-type leaves alone, from the first SNIFF_BYTES bytes:
 * SVG, HTML, other XML, and plain UTF-8 text. Text carrying script is called HTML, so it is
 * never labelled text/plain. Null when the bytes are not UTF-8 text.
 */
export function sniffText(head: Uint8Array): string | null {
  const text = decodeText(head);
  if (text === null || looksBinary(text)) return null;
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (/^<svg[\s>]/i.test(start)) return 'image/svg+xml';
  // An XML declaration, doctype or comment may come first: SVG is still SVG.
  if (/^<(\?xml|!doctype svg|!--)/i.test(start) && /<svg[\s>]/i.test(start)) return 'image/svg+xml';
  if (HTML_START.test(start) || ACTIVE_MARKUP.test(start)) return 'text/html';
  if (/^<\?xml/i.test(start)) return 'application/xml';
  return 'text/plain';
}

/** The Content-Type a download carries: the sniffed type when inert, otherwise octet-stream. */
export function servedMediaType(mediaType: string): string {
  if (!SERVED_AS_SNIFFED.has(mediaType)) return OCTET_STREAM;
  return mediaType === 'text/plain' ? 'text/plain; charset=utf-8' : mediaType;
}

/** Why this upload is refused (a program by content or by name), or null to accept it. */
export function refusal(fileName: string, mediaType: string): string | null {
  if (REFUSED_TYPES.has(mediaType)) return `The content is a program (${mediaType})`;
  const extension = extensionOf(fileName);
  if (REFUSED_EXTENSIONS.has(extension)) return `Files named ${extension} are programs or scripts`;
  return null;
}
