import { IMPORT_FIELDS, type ImportField, type ImportFieldKey, type ImportMapping, type ImportProblem } from '@keel/shared';
import type { CsvRecord } from './csv.js';
import { timeReader } from './dates.js';
import type { ImportEvent, RowResult } from './events.js';
import { importProblem } from './problems.js';

/** What a mapping needs to know of the record type: its workflow's states. */
export type TypeStates = { initial: string; categories: ReadonlyMap<string, string> };

const NUMBER_FIELDS = new Set<ImportFieldKey>(['impact', 'urgency', 'priority']);
const TIME_FIELDS = new Set<ImportFieldKey>(['openedAt', 'resolvedAt', 'closedAt']);
const PLACEHOLDER = /\{([^{}]+)\}/g;

/** Every column a mapping reads, so a header missing one is refused before any row is read. */
export function columnsOf(mapping: ImportMapping): string[] {
  const columns = [mapping.case.id, mapping.case.at];
  if (mapping.case.order) columns.push(mapping.case.order);
  if (mapping.case.author) columns.push(mapping.case.author);
  if (mapping.case.createdBy) columns.push(mapping.case.createdBy);
  for (const field of Object.values(mapping.fields)) if (field) columns.push(field.column);
  for (const link of mapping.links) columns.push(link.column);
  if (mapping.sla) columns.push(mapping.sla.column);
  columns.push(...mapping.keep);
  for (const match of mapping.title.template.matchAll(PLACEHOLDER)) columns.push(match[1] ?? '');
  return [...new Set(columns)];
}

/** Problems with a mapping against a file's header (reported as line 1), and values that cannot be a field's. */
export function mappingProblems(mapping: ImportMapping, header: readonly string[], states: TypeStates): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const present = new Set(header);
  for (const column of columnsOf(mapping)) {
    if (!present.has(column)) problems.push(importProblem(1, column, 'missing_column'));
  }
  if (new Set(header).size !== header.length) {
    const seen = new Set<string>();
    for (const column of header) {
      if (seen.has(column) && columnsOf(mapping).includes(column)) problems.push(importProblem(1, column, 'duplicate_column'));
      seen.add(column);
    }
  }
  for (const key of IMPORT_FIELDS) {
    const field = mapping.fields[key];
    for (const value of Object.values(field?.values ?? {})) {
      if (value === null) continue;
      if (key === 'state' && !states.categories.has(String(value)))
        problems.push(importProblem(1, field?.column ?? null, 'not_a_state', { value: String(value), type: mapping.recordType }));
      if (NUMBER_FIELDS.has(key) && !(Number.isInteger(value) && Number(value) >= 1 && Number(value) <= 5))
        problems.push(importProblem(1, field?.column ?? null, 'not_a_level', { value: String(value), field: key }));
    }
  }
  try {
    timeReader(mapping.time.format, mapping.time.timeZone);
  } catch (error) {
    problems.push(
      importProblem(1, null, 'bad_time_format', {
        format: mapping.time.format,
        reason: error instanceof Error ? error.message : String(error),
      }),
    );
  }
  return problems;
}

type Reader<T> = (cells: string[], problems: ImportProblem[], line: number) => T;

/**
 * Compiles a mapping against a header into a function from a CSV record to an event (or the
 * row's problems). Call `mappingProblems` first: this assumes every column exists.
 */
export function rowReader(mapping: ImportMapping, header: readonly string[], states: TypeStates): (record: CsvRecord) => RowResult {
  const index = new Map(header.map((column, i) => [column, i]));
  const missing = new Set(mapping.format.missing);
  const parseTime = timeReader(mapping.time.format, mapping.time.timeZone);
  // Logs repeat the same times on every row of a case (UCI: opened_at, resolved_at, closed_at): read each text once.
  const times = new Map<string, number | null>();
  const readTime = (text: string) => {
    let ms = times.get(text);
    if (ms === undefined) {
      if (times.size > 200_000) times.clear();
      ms = parseTime(text);
      times.set(text, ms);
    }
    return ms;
  };
  /** A column's cell of a row, null when empty or missing; the column's position is looked up once, not per row. */
  const cellOf = (column: string) => {
    const position = index.get(column) ?? -1;
    return (cells: string[]): string | null => {
      const value = cells[position] ?? '';
      return value === '' || missing.has(value) ? null : value;
    };
  };

  const time = (column: string): Reader<number | null> => {
    const cell = cellOf(column);
    return (cells, problems, line) => {
      const value = cell(cells);
      if (value === null) return null;
      const ms = readTime(value);
      if (ms === null) problems.push(importProblem(line, column, 'bad_time', { value, format: mapping.time.format }));
      return ms;
    };
  };

  const mapped = (key: ImportFieldKey, field: ImportField | undefined): Reader<string | number | null> => {
    if (!field) return () => null;
    if (TIME_FIELDS.has(key)) return time(field.column);
    const values = field.values ? new Map(Object.entries(field.values)) : null;
    const cell = cellOf(field.column);
    return (cells, problems, line) => {
      const value = cell(cells);
      if (value === null) return null;
      if (values) {
        if (values.has(value)) return values.get(value) ?? null;
        if (field.otherwise === 'reject') {
          problems.push(importProblem(line, field.column, 'not_in_values', { value, field: key }));
          return null;
        }
      }
      if (NUMBER_FIELDS.has(key)) {
        const n = Number(value);
        if (Number.isInteger(n) && n >= 1 && n <= 5) return n;
        problems.push(importProblem(line, field.column, 'not_a_level', { value, field: key }));
        return null;
      }
      if (key === 'state' && !states.categories.has(value)) {
        problems.push(importProblem(line, field.column, 'not_a_state', { value, type: mapping.recordType }));
        return null;
      }
      return value.trim();
    };
  };

  const f = mapping.fields;
  const readers = {
    state: mapped('state', f.state),
    impact: mapped('impact', f.impact),
    urgency: mapped('urgency', f.urgency),
    priority: mapped('priority', f.priority),
    category: mapped('category', f.category),
    group: mapped('group', f.group),
    assignee: mapped('assignee', f.assignee),
    requester: mapped('requester', f.requester),
    openedAt: mapped('openedAt', f.openedAt),
    resolvedAt: mapped('resolvedAt', f.resolvedAt),
    closedAt: mapped('closedAt', f.closedAt),
  };
  const readAt = time(mapping.case.at);
  const template = mapping.title.template;
  const met = new Set(mapping.sla?.met ?? []);
  const missed = new Set(mapping.sla?.missed ?? []);
  const width = header.length;
  const caseCell = cellOf(mapping.case.id);
  const orderColumn = mapping.case.order;
  const orderCell = orderColumn ? cellOf(orderColumn) : null;
  const atCell = cellOf(mapping.case.at);
  const authorCell = mapping.case.author ? cellOf(mapping.case.author) : () => null;
  const createdByCell = mapping.case.createdBy ? cellOf(mapping.case.createdBy) : () => null;
  const slaCell = mapping.sla ? cellOf(mapping.sla.column) : null;
  const linkCells = mapping.links.map((link) => ({ kind: link.kind, cell: cellOf(link.column) }));
  const keepCells = mapping.keep.map((column) => [column, cellOf(column)] as const);
  const titleCells = new Map([...template.matchAll(PLACEHOLDER)].map((m) => [m[1] ?? '', cellOf(m[1] ?? '')]));

  return (record) => {
    const { line, cells } = record;
    if (record.error) return { problems: [importProblem(line, null, 'unclosed_quote')] };
    if (cells.length !== width) {
      return { problems: [importProblem(line, null, 'cell_count', { cells: cells.length, expected: width })] };
    }
    const problems: ImportProblem[] = [];
    const caseId = caseCell(cells);
    if (caseId === null) problems.push(importProblem(line, mapping.case.id, 'case_id_missing'));
    const orderText = orderCell ? orderCell(cells) : null;
    let order = orderText === null ? Number.NaN : Number(orderText);
    if (orderColumn && !Number.isSafeInteger(order))
      problems.push(importProblem(line, orderColumn, 'order_not_integer', { value: orderText ?? '' }));
    const eventAt = readAt(cells, problems, line);
    // Without an order column the event time orders the case (ties by line, see replayCase).
    if (!orderColumn && eventAt !== null) order = eventAt;
    if (eventAt === null && atCell(cells) === null) problems.push(importProblem(line, mapping.case.at, 'time_missing'));
    const values = {
      state: readers.state(cells, problems, line),
      impact: readers.impact(cells, problems, line),
      urgency: readers.urgency(cells, problems, line),
      priority: readers.priority(cells, problems, line),
      category: readers.category(cells, problems, line),
      group: readers.group(cells, problems, line),
      assignee: readers.assignee(cells, problems, line),
      requester: readers.requester(cells, problems, line),
      openedAt: readers.openedAt(cells, problems, line),
      resolvedAt: readers.resolvedAt(cells, problems, line),
      closedAt: readers.closedAt(cells, problems, line),
    };
    let slaMet: boolean | null = null;
    if (mapping.sla) {
      const value = slaCell?.(cells) ?? null;
      if (value !== null && met.has(value)) slaMet = true;
      else if (value !== null && missed.has(value)) slaMet = false;
      else if (value !== null) problems.push(importProblem(line, mapping.sla.column, 'sla_value', { value }));
    }
    if (problems.length > 0 || caseId === null || eventAt === null) return { problems };
    const links: ImportEvent['links'] = [];
    for (const link of linkCells) {
      const number = link.cell(cells);
      if (number !== null) links.push({ kind: link.kind, number: number.trim() });
    }
    const keep: Record<string, string | null> = {};
    for (const [column, cell] of keepCells) keep[column] = cell(cells);
    const title = template.replace(PLACEHOLDER, (_, column: string) => titleCells.get(column)?.(cells) ?? '').trim();
    const text = (v: unknown) => (typeof v === 'string' ? v : null);
    const num = (v: unknown) => (typeof v === 'number' ? v : null);
    return {
      event: {
        line,
        caseId: caseId.trim(),
        order,
        at: eventAt,
        author: authorCell(cells),
        createdBy: createdByCell(cells),
        title: title || caseId.trim(),
        state: text(values.state),
        impact: num(values.impact),
        urgency: num(values.urgency),
        priority: num(values.priority),
        category: text(values.category),
        group: text(values.group),
        assignee: text(values.assignee),
        requester: text(values.requester),
        openedAt: num(values.openedAt),
        resolvedAt: num(values.resolvedAt),
        closedAt: num(values.closedAt),
        links,
        slaMet,
        keep,
      },
    };
  };
}
