import { fileTypeFromFile } from 'file-type';
import { OCTET_STREAM, sniffText } from './media-type.js';

/**
 * The media type of a stored upload, from its bytes only: file-type's magic numbers for
 * binary formats, then our own look at the first bytes for the text formats it leaves alone
 * (it calls anything starting "<?xml" XML, SVG included).
 */
export async function sniffFile(file: string, head: Uint8Array): Promise<string> {
  const detected = await fileTypeFromFile(file);
  if (detected && detected.mime !== 'application/xml') return detected.mime;
  return sniffText(head) ?? detected?.mime ?? OCTET_STREAM;
}
