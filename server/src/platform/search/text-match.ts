import { type RawBuilder, sql } from 'kysely';
import type { Dialect } from '../../db/connect.js';
import { containsTextIndexed } from '../../db/like.js';

/** The record text the search index covers. */
export const TEXT_COLUMNS = ['number', 'title', 'description'] as const;
export type TextColumn = (typeof TEXT_COLUMNS)[number];

const MAX_TERMS = 10;
/** Trigram indexes find a term of at least this many characters; shorter ones fall back to LIKE. */
export const MIN_INDEXED_LENGTH = 3;

/** A query's terms: split on white space, lower-cased, each once. */
export function searchTerms(q: string): string[] {
  return [...new Set(q.toLowerCase().split(/\s+/u).filter(Boolean))].slice(0, MAX_TERMS);
}

/** Counted in characters, not UTF-16 units: 宕机 is two, as the trigram tokenizer counts it. */
export function isIndexable(term: string): boolean {
  return [...term].length >= MIN_INDEXED_LENGTH;
}

/** An FTS5 query where every term is a quoted phrase (so `"`, `*`, `OR`, `NEAR(` are plain text), all required. */
export function ftsQuery(columns: readonly TextColumn[], terms: readonly string[]): string {
  const body = terms.map((t) => `"${t.replaceAll('"', '""')}"`).join(' AND ');
  return columns.length === TEXT_COLUMNS.length ? body : `{${columns.join(' ')}} : (${body})`;
}

function anyColumnContains(dialect: Dialect, columns: readonly TextColumn[], term: string): RawBuilder<boolean> {
  const tests = columns.map((c) => containsTextIndexed(dialect, sql.ref(`records.${c}`), term));
  return sql<boolean>`(${sql.join(tests, sql` or `)})`;
}

/**
 * "Every term appears in one of these columns" as a condition on `records`. On SQLite the
 * terms of 3+ characters go through the FTS5 trigram index; on PostgreSQL each term is an
 * ILIKE that the pg_trgm GIN index of each column serves. Shorter terms are LIKE filters on
 * the rows the rest of the query selects (neither index can look them up).
 */
export function textCondition(
  dialect: Dialect,
  columns: readonly TextColumn[],
  terms: readonly string[],
  // Off when another index already narrows the rows: the FTS match list would be read in full.
  options: { fts: boolean } = { fts: true },
): RawBuilder<boolean> {
  const parts: RawBuilder<boolean>[] = [];
  const useFts = dialect === 'sqlite' && options.fts;
  const indexed = useFts ? terms.filter(isIndexable) : [];
  if (indexed.length > 0) {
    parts.push(sql<boolean>`records.id in (select rowid from records_fts where records_fts match ${ftsQuery(columns, indexed)})`);
  }
  const likeTerms = useFts ? terms.filter((t) => !isIndexable(t)) : terms;
  for (const term of likeTerms) parts.push(anyColumnContains(dialect, columns, term));
  if (parts.length === 0) return sql<boolean>`1 = 1`;
  return sql<boolean>`(${sql.join(parts, sql` and `)})`;
}
