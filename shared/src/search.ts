import { z } from 'zod';
import { LIMITS } from './limits.js';
import { recordTypeKeySchema, searchTextSchema } from './lists.js';
import { STATE_CATEGORIES } from './states.js';

// Search across record types: `GET /api/v1/search`.

export const searchQuerySchema = z.strictObject({
  q: searchTextSchema,
  /** Record type keys, comma-separated; default: every type the caller may read. */
  types: z
    .string()
    .max(500)
    .transform((v) => v.split(','))
    .pipe(z.array(recordTypeKeySchema).min(1).max(50))
    .optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.searchMax).default(20),
});
export type SearchQuery = z.infer<typeof searchQuerySchema>;

/** Text with the parts that matched: [start, end) offsets in UTF-16 code units. Render as text, never as HTML. */
export const highlightedTextSchema = z.object({
  text: z.string(),
  ranges: z.array(z.tuple([z.number().int(), z.number().int()])),
});
export type HighlightedText = z.infer<typeof highlightedTextSchema>;

export const searchHitSchema = z.object({
  type: z.string(),
  /** The type's URL segment: the record is at /api/v1/<path>/<number>. */
  path: z.string(),
  number: z.string(),
  title: highlightedTextSchema,
  /** A passage of the description around the first match; null when only the number or title matched. */
  snippet: highlightedTextSchema.nullable(),
  state: z.string(),
  stateCategory: z.enum(STATE_CATEGORIES),
  updatedAt: z.string(),
  score: z.number(),
});
export type SearchHit = z.infer<typeof searchHitSchema>;

export const searchResultSchema = z.object({
  items: z.array(searchHitSchema),
  /** True when only short terms were given and just the newest matches were ranked (see docs/records-engine.md). */
  partial: z.boolean(),
});
export type SearchResult = z.infer<typeof searchResultSchema>;
