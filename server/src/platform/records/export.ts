import type { Readable } from 'node:stream';
import { catalogues, type FilterCondition, type RecordColumn, type Workflow } from '@keel/shared';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import { offsetAt } from '../calendar/zone.js';
import { AppError } from '../errors.js';
import { type Cell, csvStream, type SheetColumn, xlsxStream } from '../export/spreadsheet.js';
import { pageBy } from '../http/pagination.js';
import type { FilterTarget } from './filters.js';
import { matchingRecords, type ReadScope, recordSort } from './queries.js';
import type { RecordTypeDefinition } from './record-type.js';

const BATCH = 500;

export type RecordExport = {
  def: RecordTypeDefinition;
  /** The workflow in force, for state labels. */
  workflow: Workflow;
  scope: ReadScope;
  locale: 'zh-CN' | 'en';
  timeZone: string;
  format: 'csv' | 'xlsx';
  columns: readonly RecordColumn[];
  sort?: string;
  /** The free text, resolved once for the whole export (see textFilter). */
  text: RawBuilder<boolean> | null;
  filters: readonly FilterCondition[];
  /** Filter targets of the type's indexed custom fields. */
  customTargets: readonly FilterTarget[];
};

function exportQuery(db: Kysely<Database>, spec: RecordExport) {
  return matchingRecords(db, spec.def, spec.scope, spec)
    .leftJoin('organisations as organisation', 'organisation.id', 'records.organisation_id')
    .select('organisation.name as organisation_name');
}

type ExportRow = Awaited<ReturnType<ReturnType<typeof exportQuery>['execute']>>[number];

/**
 * Counts matching rows up to one past the cap, so a too-large export is refused before a byte
 * is sent (a truncated file that looks complete would be worse) at a cost bounded by the cap.
 */
export async function assertExportFits(db: Kysely<Database>, spec: RecordExport, maxRows: number): Promise<number> {
  const inner = matchingRecords(db, spec.def, spec.scope, spec)
    .clearSelect()
    .select('records.id')
    .limit(maxRows + 1);
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from (${inner}) as capped`.execute(db);
  const count = Number(rows[0]?.n ?? 0);
  if (count > maxRows) {
    throw new AppError('export_too_large', `More than ${maxRows} rows match; narrow the filters (at most ${maxRows} per export)`);
  }
  return count;
}

/** The export's rows in keyset pages of the list's own sort: one page in memory at a time. */
async function* batches(db: Kysely<Database>, spec: RecordExport, toCells: (row: ExportRow) => Cell[]): AsyncGenerator<Cell[][]> {
  const sort = recordSort(spec.sort);
  let cursor: string | undefined;
  do {
    const page = await pageBy(exportQuery(db, spec), {
      sort: { column: sort.key, descending: sort.descending },
      idColumn: 'records.id',
      limit: BATCH,
      cursor,
      valueOf: sort.valueOf,
    });
    if (page.rows.length > 0) yield page.rows.map(toCells);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

const TIME_COLUMNS = new Set<RecordColumn>(['openedAt', 'updatedAt', 'resolvedAt', 'closedAt']);
const WIDTHS: Partial<Record<RecordColumn, number>> = { title: 50, description: 80, number: 14 };

/** Headers in the caller's language; time columns name the zone their times are written in. */
function sheetColumns(spec: RecordExport): SheetColumn[] {
  const labels = catalogues[spec.locale].lists;
  return spec.columns.map((key) => {
    const time = TIME_COLUMNS.has(key);
    const header = time
      ? labels.export.timeHeader.replace('{{column}}', labels.columns[key]).replace('{{zone}}', spec.timeZone)
      : labels.columns[key];
    return { header, width: WIDTHS[key] ?? (time ? 18 : 16), time };
  });
}

function cellMaker(spec: RecordExport): (row: ExportRow) => Cell[] {
  const labels = catalogues[spec.locale].lists;
  const stateLabels = new Map(spec.workflow.states.map((s) => [s.key, s.label[spec.locale]]));
  // Excel has no time zones: a Date whose UTC fields are the caller's wall clock shows as that local time.
  const wall = (ms: number | null): Cell => (ms === null ? null : new Date(ms + offsetAt(ms, spec.timeZone)));
  const value: Record<RecordColumn, (row: ExportRow) => Cell> = {
    number: (r) => r.number,
    title: (r) => r.title,
    description: (r) => r.description,
    state: (r) => stateLabels.get(r.state) ?? r.state,
    stateCategory: (r) => labels.stateCategories[r.state_category],
    priority: (r) => r.priority,
    impact: (r) => r.impact,
    urgency: (r) => r.urgency,
    category: (r) => r.category,
    requester: (r) => r.requester_name,
    organisation: (r) => r.organisation_name,
    assignee: (r) => r.assignee_name,
    group: (r) => r.group_name,
    openedAt: (r) => wall(r.opened_at),
    updatedAt: (r) => wall(r.updated_at),
    resolvedAt: (r) => wall(r.resolved_at),
    closedAt: (r) => wall(r.closed_at),
  };
  return (row) => spec.columns.map((key) => value[key](row));
}

export function recordExportStream(db: Kysely<Database>, spec: RecordExport, onError: (error: unknown) => void): Readable {
  const columns = sheetColumns(spec);
  const rows = batches(db, spec, cellMaker(spec));
  if (spec.format === 'csv') return csvStream(columns, rows);
  return xlsxStream(catalogues[spec.locale].lists.export.sheet, columns, rows, onError);
}
