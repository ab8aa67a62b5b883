import { z } from 'zod';
import { pageQuerySchema, pageSchema } from './pagination.js';

/**
 * What became of an inbound mail: a new record, a reply in a record's journal, or ignored
 * (auto-replies, bounces, our own mail coming back, a sender over the rate limit).
 */
export const MAIL_OUTCOMES = ['created', 'replied', 'ignored'] as const;
export type MailOutcome = (typeof MAIL_OUTCOMES)[number];

export const MAIL_IGNORE_REASONS = ['auto_reply', 'bounce', 'bulk', 'loop', 'rate'] as const;
export type MailIgnoreReason = (typeof MAIL_IGNORE_REASONS)[number];

export const mailMessageSchema = z.object({
  id: z.number().int(),
  messageId: z.string(),
  /** The From address as sent (forgeable: never proof of who wrote it). */
  sender: z.string().nullable(),
  subject: z.string(),
  outcome: z.enum(MAIL_OUTCOMES),
  reason: z.enum(MAIL_IGNORE_REASONS).nullable(),
  recordNumber: z.string().nullable(),
  size: z.number().int(),
  receivedAt: z.string(),
});
export type MailMessage = z.infer<typeof mailMessageSchema>;

export const listMailMessagesQuerySchema = pageQuerySchema.extend({
  outcome: z.enum(MAIL_OUTCOMES).optional(),
});
export const mailMessagePageSchema = pageSchema(mailMessageSchema);
export type ListMailMessagesQuery = z.infer<typeof listMailMessagesQuerySchema>;
