import { z } from 'zod';
import { idSchema } from './common.js';
import { recordNumberParamsSchema } from './records.js';

/**
 * Attachments on records. The content is stored once per SHA-256 under the data directory;
 * the type comes from the bytes, never from the uploader; every download is an attachment.
 */
export const ATTACHMENT_LIMITS = {
  /** Default upload limit (KEEL_ATTACHMENT_MAX_BYTES overrides it). */
  defaultMaxBytes: 25 * 1024 * 1024,
  /** Sanitised file names are cut to this many UTF-8 bytes, keeping the extension. */
  fileNameBytes: 240,
} as const;

/** The multipart field that carries the file: one file per request. */
export const ATTACHMENT_FIELD = 'file';

export const attachmentSchema = z.object({
  id: z.number().int(),
  /** Sanitised: no paths, control or bidi characters, reserved names; never empty. */
  fileName: z.string(),
  size: z.number().int(),
  /** Sniffed from the content; `application/octet-stream` when unknown. */
  mediaType: z.string(),
  /** What the download is labelled: the sniffed type when it is safe, otherwise `application/octet-stream`. */
  servedMediaType: z.string(),
  /** What the uploader's client claimed; informative only. */
  declaredMediaType: z.string().nullable(),
  sha256: z.string(),
  uploadedById: z.number().int().nullable(),
  uploadedByName: z.string().nullable(),
  createdAt: z.string(),
  /** Path of the download endpoint, relative to the server. */
  contentUrl: z.string(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const attachmentListSchema = z.object({ items: z.array(attachmentSchema) });
export type AttachmentList = z.infer<typeof attachmentListSchema>;

export const attachmentParamsSchema = recordNumberParamsSchema.extend({ attachmentId: idSchema });
