import type { SearchHit, SearchResult } from '@keel/shared';
import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../../db/connect.js';
import type { Database } from '../../db/schema.js';
import { iso } from '../../db/time.js';
import { trigramSchema } from '../../db/trigram.js';
import type { Visibility } from '../access/visibility.js';
import type { RecordTypeDefinition } from '../records/record-type.js';
import { recordVisibility } from '../records/visibility.js';
import { highlight, matchRanges, snippet } from './highlight.js';
import { ftsQuery, isIndexable, searchTerms, TEXT_COLUMNS, textCondition } from './text-match.js';

export type SearchInput = {
  /** The types to search: only ones the caller may read. */
  types: readonly RecordTypeDefinition[];
  visibility: Visibility;
  q: string;
  limit: number;
};

/** Newest matches ranked per request: bounds the cost of a common term (that matches half the table) to this many rows. */
export const RANK_WINDOW = 500;
/** Newest visible records read when no index can find the terms (short terms, or a customer's own records). */
export const SCAN_WINDOW = 20_000;
const RECORD_NUMBER = /^[A-Z]{2,8}-\d{6,}$/;
/** bm25 weights of number, title and description: a hit in the title outranks one in the text. */
const BM25_WEIGHTS = sql.raw('10.0, 4.0, 1.0');

type Hit = {
  id: number;
  type: string;
  number: string;
  title: string;
  description: string;
  state: string;
  state_category: SearchHit['stateCategory'];
  updated_at: number;
  score: number;
};

type Window = { hits: Hit[]; partial: boolean };

function candidates(db: Kysely<Database>, input: SearchInput) {
  return db
    .selectFrom('records')
    .select([
      'records.id',
      'records.type',
      'records.number',
      'records.title',
      'records.description',
      'records.state',
      'records.state_category',
      'records.updated_at',
    ])
    .where(
      'records.type',
      'in',
      input.types.map((t) => t.key),
    )
    .where(recordVisibility(input.visibility));
}

/**
 * SQLite: the FTS5 trigram index yields matches newest first (rowid order, so reading stops at
 * the window), each scored by bm25; short terms filter the same rows with LIKE.
 */
async function indexedSqlite(db: Kysely<Database>, input: SearchInput, terms: string[]): Promise<Window> {
  const indexed = terms.filter(isIndexable);
  const short = terms.filter((t) => !isIndexable(t));
  let q = candidates(db, input)
    .innerJoin(sql<{ rowid: number }>`records_fts`.as('records_fts'), 'records_fts.rowid', 'records.id')
    .where(sql<boolean>`records_fts match ${ftsQuery(TEXT_COLUMNS, indexed)}`)
    .select(sql<number>`-bm25(records_fts, ${BM25_WEIGHTS})`.as('score'));
  if (short.length > 0) q = q.where(textCondition('sqlite', TEXT_COLUMNS, short));
  const hits = await q.orderBy(sql`records_fts.rowid`, 'desc').limit(RANK_WINDOW).execute();
  return { hits, partial: hits.length === RANK_WINDOW };
}

/** Matches fewer than this are all read through the trigram indexes; more, and the newest are read in id order. */
const COMMON_TERM = 2000;

/**
 * PostgreSQL: each term is an ILIKE the pg_trgm GIN indexes answer; the newest matches are
 * scored by word similarity to the query, title counting twice the description. The planner
 * costs the ILIKE filter too low and would walk the primary key backwards even for a rare term,
 * so an unordered probe first asks how common the terms are: a rare term's matches come from
 * the GIN bitmap, a common term's newest matches from the id order (stopping at the window).
 */
async function indexedPostgres(db: Kysely<Database>, input: SearchInput, terms: string[]): Promise<Window> {
  const trgm = sql.id(await trigramSchema(db));
  const matching = () => candidates(db, input).where(textCondition('postgres', TEXT_COLUMNS, terms));
  const probe = await matching().clearSelect().select('records.id').limit(COMMON_TERM).execute();
  if (probe.length === 0) return { hits: [], partial: false };
  const common = probe.length === COMMON_TERM;
  const window = common
    ? matching().orderBy('records.id', 'desc').limit(RANK_WINDOW)
    : candidates(db, input)
        .where(
          'records.id',
          'in',
          probe.map((r) => r.id),
        )
        .orderBy('records.id', 'desc')
        .limit(RANK_WINDOW);
  const text = terms.join(' ');
  const similar = (column: 'title' | 'description') => sql<number>`${trgm}.word_similarity(${text}, ${sql.ref(`w.${column}`)})`;
  const hits = await db
    .selectFrom(window.as('w'))
    .selectAll('w')
    .select(sql<number>`(2 * ${similar('title')} + ${similar('description')})`.as('score'))
    .execute();
  return { hits, partial: common || hits.length === RANK_WINDOW };
}

/** A hit in the number counts most, then the title, then the description. */
function fieldScore(row: Omit<Hit, 'score'>, terms: string[]): number {
  const weight = (value: string, w: number) => (matchRanges(value, terms).length > 0 ? w : 0);
  return weight(row.number, 10) + weight(row.title, 4) + weight(row.description, 1);
}

/**
 * When no index can find the terms (all shorter than three characters: 宕机, 邮件, "db") or the
 * caller sees only some rows (a customer), the newest visible records of each type, SCAN_WINDOW
 * in all, are read with LIKE and ranked here. Per type, so each range is one (type, id) index
 * range (a single window over several types would sort them all); the window keeps the cost
 * flat as the table grows.
 */
async function scanned(db: Kysely<Database>, dialect: Dialect, input: SearchInput, terms: string[]): Promise<Window> {
  const perType = Math.ceil(SCAN_WINDOW / input.types.length);
  const windows = await Promise.all(
    input.types.map(async (def) => {
      const one = { ...input, types: [def] };
      const floor = await candidates(db, one)
        .clearSelect()
        .select('records.id')
        .orderBy('records.id', 'desc')
        .offset(perType)
        .limit(1)
        .executeTakeFirst();
      let q = candidates(db, one).where(textCondition(dialect, TEXT_COLUMNS, terms, { fts: false }));
      if (floor) q = q.where('records.id', '>', floor.id);
      const rows = await q.orderBy('records.id', 'desc').limit(RANK_WINDOW).execute();
      return { rows, partial: floor !== undefined || rows.length === RANK_WINDOW };
    }),
  );
  const hits = windows.flatMap((w) => w.rows).map((row) => ({ ...row, score: fieldScore(row, terms) }));
  return { hits, partial: windows.some((w) => w.partial) };
}

function present(row: Hit, terms: string[], paths: ReadonlyMap<string, string>): SearchHit {
  return {
    type: row.type,
    path: paths.get(row.type) ?? row.type,
    number: row.number,
    title: highlight(row.title, terms),
    snippet: snippet(row.description, terms),
    state: row.state,
    stateCategory: row.state_category,
    updatedAt: iso(row.updated_at),
    score: Math.round(row.score * 1000) / 1000,
  };
}

/**
 * Records of the given types that the caller may see, best match first. A record number typed
 * exactly comes first; then the ranked text matches. Visibility is in every query, so a
 * customer can never find (or learn of) another organisation's record.
 */
export async function searchRecords(db: Kysely<Database>, dialect: Dialect, input: SearchInput): Promise<SearchResult> {
  const terms = searchTerms(input.q);
  if (input.types.length === 0 || terms.length === 0) return { items: [], partial: false };
  const wanted = input.q.trim().toUpperCase();
  const exact = RECORD_NUMBER.test(wanted)
    ? await candidates(db, input).where('records.number', '=', wanted).executeTakeFirst()
    : undefined;
  const restricted = input.visibility.scope !== 'all';
  const indexed = !restricted && terms.some(isIndexable);
  const found = indexed
    ? dialect === 'sqlite'
      ? await indexedSqlite(db, input, terms)
      : await indexedPostgres(db, input, terms)
    : await scanned(db, dialect, input, terms);
  let hits = found.hits.sort((a, b) => b.score - a.score || b.updated_at - a.updated_at || b.id - a.id).slice(0, input.limit);
  if (exact) {
    const top = hits[0]?.score ?? 0;
    hits = [{ ...exact, score: top + 1 }, ...hits.filter((h) => h.id !== exact.id)].slice(0, input.limit);
  }
  const paths = new Map(input.types.map((t) => [t.key, t.path]));
  return { items: hits.map((h) => present(h, terms, paths)), partial: found.partial };
}
