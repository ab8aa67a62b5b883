import { type Expression, type RawBuilder, sql } from 'kysely';
import type { Dialect } from './connect.js';

/** `%term%` with the term's own % _ and \ matched literally (used with `escape '\'`). */
export function containsPattern(term: string): string {
  return `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Case-insensitive "contains" on both dialects; the term's own % and _ are matched literally. */
export function containsText(column: Expression<string | null>, term: string): RawBuilder<boolean> {
  return sql<boolean>`lower(${column}) like ${containsPattern(term)} escape '\\'`;
}

/**
 * The same test written so PostgreSQL can answer it from a pg_trgm GIN index on the bare
 * column (ILIKE is an operator of gin_trgm_ops; lower(column) would need its own index).
 */
export function containsTextIndexed(dialect: Dialect, column: Expression<string | null>, term: string): RawBuilder<boolean> {
  if (dialect === 'sqlite') return containsText(column, term);
  return sql<boolean>`${column} ilike ${containsPattern(term)} escape '\\'`;
}
