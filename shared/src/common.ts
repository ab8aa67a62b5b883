import { z } from 'zod';
import { LIMITS } from './limits.js';

export const idSchema = z.coerce.number().int().positive().max(2_147_483_647);
export const idParamsSchema = z.strictObject({ id: idSchema });

/** True when the text holds a C0 control character other than tab, line feed and carriage return, or DEL. */
export function hasControlCharacters(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return true;
  }
  return false;
}

const noControl = { message: 'Control characters are not allowed' };

/** Trimmed, non-empty text with a maximum length; control characters rejected. */
export function text(max: number = LIMITS.shortText) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => !hasControlCharacters(v), noControl);
}

export function optionalText(max: number = LIMITS.description) {
  return z
    .string()
    .max(max)
    .refine((v) => !hasControlCharacters(v), noControl);
}

/** Times travel as ISO-8601 strings in UTC. */
export const isoTimeSchema = z.iso.datetime({ offset: true });
