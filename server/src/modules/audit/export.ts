import type { Readable } from 'node:stream';
import type { ListAuditQuery } from '@keel/shared';
import type { Kysely } from 'kysely';
import type { AuditEventRow, Database } from '../../db/schema.js';
import { iso } from '../../db/time.js';
import { type Cell, csvStream, type SheetColumn, xlsxStream } from '../../platform/export/spreadsheet.js';
import { filteredEvents } from './queries.js';

const BATCH = 1000;
const COLUMNS: SheetColumn[] = [
  'id',
  'time',
  'actor',
  'action',
  'object type',
  'object id',
  'object',
  'changes',
  'ip',
  'request id',
  'hash',
].map((header) => ({ header, width: header === 'changes' ? 60 : 20 }));

type Filters = Omit<ListAuditQuery, 'limit' | 'cursor'>;

/** Walks the filtered events in id batches, so exporting a million rows holds one batch in memory. */
async function* eventBatches(db: Kysely<Database>, filters: Filters): AsyncGenerator<Cell[][]> {
  let before: number | null = null;
  for (;;) {
    let q = filteredEvents(db, filters);
    if (before !== null) q = q.where('id', '<', before);
    const rows: AuditEventRow[] = await q.limit(BATCH).execute();
    if (rows.length === 0) return;
    yield rows.map(cells);
    const last = rows[rows.length - 1];
    if (!last || rows.length < BATCH) return;
    before = last.id;
  }
}

function cells(row: AuditEventRow): Cell[] {
  return [
    String(row.id),
    iso(row.at),
    row.actor_name ?? '',
    row.action,
    row.object_type,
    row.object_id ?? '',
    row.object_label ?? '',
    row.changes,
    row.ip ?? '',
    row.request_id ?? '',
    row.hash,
  ];
}

export function auditCsv(db: Kysely<Database>, filters: Filters): Readable {
  return csvStream(COLUMNS, eventBatches(db, filters));
}

export function auditXlsx(db: Kysely<Database>, filters: Filters, onError: (error: unknown) => void): Readable {
  return xlsxStream('audit', COLUMNS, eventBatches(db, filters), onError);
}
