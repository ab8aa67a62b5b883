import type { JournalEntry, JournalKind, Page } from '@keel/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { iso } from '../../db/time.js';
import { decodeCursor, encodeCursor } from '../http/pagination.js';

export type JournalInput = {
  recordId: number;
  kind: JournalKind;
  visibility: 'public' | 'internal';
  body?: string;
  data?: Record<string, unknown>;
  authorId: number | null;
};

/** Adds a timeline entry, inside the transaction of the change it describes. */
export async function appendJournal(db: Kysely<Database>, entry: JournalInput): Promise<number> {
  const row = await db
    .insertInto('journal_entries')
    .values({
      record_id: entry.recordId,
      kind: entry.kind,
      visibility: entry.visibility,
      body: entry.body ?? '',
      data: JSON.stringify(entry.data ?? {}),
      author_id: entry.authorId,
      created_at: Date.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function journalQuery(db: Kysely<Database>) {
  return db
    .selectFrom('journal_entries')
    .leftJoin('users', 'users.id', 'journal_entries.author_id')
    .selectAll('journal_entries')
    .select('users.display_name as author_name');
}

type Row = Awaited<ReturnType<ReturnType<typeof journalQuery>['executeTakeFirstOrThrow']>>;

function presentJournalEntry(row: Row): JournalEntry {
  return {
    id: row.id,
    kind: row.kind,
    visibility: row.visibility,
    body: row.body,
    data: JSON.parse(row.data),
    authorId: row.author_id,
    authorName: row.author_name,
    createdAt: iso(row.created_at),
  };
}

export async function getJournalEntry(db: Kysely<Database>, id: number): Promise<JournalEntry> {
  return presentJournalEntry(await journalQuery(db).where('journal_entries.id', '=', id).executeTakeFirstOrThrow());
}

/** A record's timeline, oldest or newest first; internal entries only for callers who may see them. */
export async function listJournal(
  db: Kysely<Database>,
  recordId: number,
  options: { includeInternal: boolean; limit: number; cursor?: string; order?: 'oldest' | 'newest' },
): Promise<Page<JournalEntry>> {
  const newest = options.order === 'newest';
  let q = journalQuery(db).where('journal_entries.record_id', '=', recordId);
  if (!options.includeInternal) q = q.where('journal_entries.visibility', '=', 'public');
  if (options.cursor) q = q.where('journal_entries.id', newest ? '<' : '>', decodeCursor(options.cursor)[1]);
  const rows = await q
    .orderBy('journal_entries.id', newest ? 'desc' : 'asc')
    .limit(options.limit + 1)
    .execute();
  const page = rows.slice(0, options.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(presentJournalEntry),
    nextCursor: rows.length > options.limit && last ? encodeCursor(null, last.id) : null,
  };
}
