import { z } from 'zod';
import { LIMITS } from './limits.js';

export const idSchema = z.coerce.number().int().positive().max(2_147_483_647);
export const idParamsSchema = z.strictObject({ id: idSchema });

/** Trimmed, non-empty text with a maximum length; control characters rejected. */
export function text(max: number = LIMITS.shortText) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(v), {
      message: 'Control characters are not allowed',
    });
}

export function optionalText(max: number = LIMITS.description) {
  return z
    .string()
    .max(max)
    .refine((v) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(v), {
      message: 'Control characters are not allowed',
    });
}

/** Times travel as ISO-8601 strings in UTC. */
export const isoTimeSchema = z.iso.datetime({ offset: true });
