import { z } from 'zod';
import { LIMITS } from './limits.js';

export const pageQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
  cursor: z.string().max(LIMITS.cursor).optional(),
});

/** `sort` takes one allow-listed field, `-field` for descending. */
export function sortSchema<const T extends readonly [string, ...string[]]>(fields: T) {
  const allowed = fields.flatMap((f) => [f, `-${f}`]);
  return z
    .string()
    .refine((v) => allowed.includes(v), { message: `sort must be one of: ${allowed.join(', ')}` })
    .optional();
}

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export type Page<T> = { items: T[]; nextCursor: string | null };

/** Query-string booleans arrive as text. */
export const queryBoolean = z.enum(['true', 'false']).transform((v) => v === 'true');
