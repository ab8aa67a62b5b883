import { PassThrough, Readable } from 'node:stream';
import type { ListAuditQuery } from '@keel/shared';
import type { Kysely } from 'kysely';
import type { AuditEventRow, Database } from '../../db/schema.js';
import { iso } from '../../db/time.js';
import { filteredEvents } from './queries.js';

const BATCH = 1000;
const COLUMNS = ['id', 'time', 'actor', 'action', 'object type', 'object id', 'object', 'changes', 'ip', 'request id', 'hash'] as const;

/** Walks the filtered events in id batches, so exporting a million rows holds one batch in memory. */
async function* eventBatches(db: Kysely<Database>, filters: Omit<ListAuditQuery, 'limit' | 'cursor'>) {
  let before: number | null = null;
  for (;;) {
    let q = filteredEvents(db, filters);
    if (before !== null) q = q.where('id', '<', before);
    const rows: AuditEventRow[] = await q.limit(BATCH).execute();
    if (rows.length === 0) return;
    yield rows;
    const last = rows[rows.length - 1];
    if (!last || rows.length < BATCH) return;
    before = last.id;
  }
}

function cells(row: AuditEventRow): string[] {
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

/** A spreadsheet would run a cell starting with = + - @ as a formula; a leading quote keeps it text. */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvCell(value: string): string {
  const safe = neutraliseFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function auditCsv(db: Kysely<Database>, filters: Omit<ListAuditQuery, 'limit' | 'cursor'>): Readable {
  async function* lines() {
    // The byte-order mark makes Excel read the file as UTF-8 (Chinese names stay legible).
    yield `\uFEFF${COLUMNS.join(',')}\r\n`;
    for await (const batch of eventBatches(db, filters)) {
      yield batch.map((row) => `${cells(row).map(csvCell).join(',')}\r\n`).join('');
    }
  }
  return Readable.from(lines());
}

export function auditXlsx(
  db: Kysely<Database>,
  filters: Omit<ListAuditQuery, 'limit' | 'cursor'>,
  onError: (error: unknown) => void,
): Readable {
  const out = new PassThrough();
  (async () => {
    // exceljs is large: loaded on the first Excel export, not at start-up (idle memory target).
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
    const sheet = workbook.addWorksheet('audit');
    sheet.columns = COLUMNS.map((header) => ({ header, width: header === 'changes' ? 60 : 20 }));
    for await (const batch of eventBatches(db, filters)) {
      for (const row of batch) sheet.addRow(cells(row).map(neutraliseFormula)).commit();
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => {
    onError(error);
    out.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return out;
}
