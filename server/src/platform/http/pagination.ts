import { type Expression, type SelectQueryBuilder, sql } from 'kysely';
import { AppError } from '../errors.js';

type Cursor = [string | number | null, number];

export function encodeCursor(value: string | number | null, id: number): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

export function decodeCursor(cursor: string): Cursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      (typeof parsed[0] === 'string' || typeof parsed[0] === 'number' || parsed[0] === null) &&
      Number.isInteger(parsed[1])
    ) {
      return [parsed[0], parsed[1]];
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError('validation_failed', 'The cursor is not valid', { errors: [{ path: 'cursor', message: 'Invalid cursor' }] });
}

export type SortSpec<Column extends string> = { column: Column; descending: boolean };

function isField<Field extends string>(columns: Record<Field, string>, name: string): name is Field {
  return Object.hasOwn(columns, name);
}

/** Turns `name` / `-name` (already allow-listed by the schema) into a column of the table. */
export function parseSort<Field extends string, Column extends string>(
  sort: string | undefined,
  columns: Record<Field, Column>,
  fallback: Field,
): SortSpec<Column> {
  const descending = sort?.startsWith('-') ?? false;
  const name = sort ? sort.replace(/^-/, '') : fallback;
  const column = isField(columns, name) ? columns[name] : columns[fallback];
  return { column, descending };
}

/**
 * Keyset pagination on (sort key, id): each page costs the same however deep it is.
 * Fetches one row more than asked to know whether another page follows. Column names
 * come from the allow-list in parseSort, never from the request. The sort key must never
 * be null (wrap a nullable column in coalesce, with an index on that expression).
 */
export async function pageBy<DB, TB extends keyof DB, O extends { id: number }>(
  query: SelectQueryBuilder<DB, TB, O>,
  options: {
    sort: { column: string | Expression<unknown>; descending: boolean };
    idColumn: string;
    limit: number;
    cursor: string | undefined;
    valueOf: (row: O) => string | number | null;
  },
): Promise<{ rows: O[]; nextCursor: string | null }> {
  const { sort, idColumn, limit } = options;
  const direction = sort.descending ? 'desc' : 'asc';
  const comparator = sql.raw(sort.descending ? '<' : '>');
  const col = typeof sort.column === 'string' ? sql.ref(sort.column) : sort.column;
  const idRef = sql.ref(idColumn);
  // Sorted by id itself: a plain range, so an index ending in id (type, id) can serve it.
  const byId = sort.column === idColumn;
  let q = query;
  if (options.cursor) {
    const [value, id] = decodeCursor(options.cursor);
    // A row-value comparison is an index range on both dialects; the equivalent OR form makes
    // PostgreSQL walk the index from the start and filter, so deep pages got slower.
    q = q.where(byId ? sql<boolean>`${idRef} ${comparator} ${id}` : sql<boolean>`(${col}, ${idRef}) ${comparator} (${value}, ${id})`);
  }
  q = q.orderBy(col, direction);
  if (!byId) q = q.orderBy(idRef, direction);
  const rows = await q.limit(limit + 1).execute();
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  return { rows: page, nextCursor: more && last ? encodeCursor(options.valueOf(last), last.id) : null };
}
