import { notificationRecordSchema, withEventParams } from '@keel/shared';
import { z } from 'zod';

export const MAIL_JOB = 'notify.mail';

/**
 * What a mail job carries. The address and the language are read when it is sent, so a
 * changed address or language applies to mail still waiting.
 */
export const mailJobPayloadSchema = withEventParams({
  /** The notification's dedupe key: the mail's Message-ID is derived from it. */
  key: z.string(),
  userId: z.number().int(),
  record: notificationRecordSchema,
  actorName: z.string().nullable(),
});
export type MailJobPayload = z.infer<typeof mailJobPayloadSchema>;
