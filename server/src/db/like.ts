import { type Expression, type RawBuilder, sql } from 'kysely';

/** Case-insensitive "contains" on both dialects; the term's own % and _ are matched literally. */
export function containsText(column: Expression<string | null>, term: string): RawBuilder<boolean> {
  const pattern = `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`lower(${column}) like ${pattern} escape '\\'`;
}
