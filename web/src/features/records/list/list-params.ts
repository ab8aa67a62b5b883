import {
  DEFAULT_RECORD_COLUMNS,
  filterParams,
  RECORD_COLUMNS,
  RECORD_SORT_FIELDS,
  type RecordColumn,
  type RecordSortField,
  recordFilterFields,
  searchTextSchema,
  splitList,
} from '@keel/shared';

/**
 * A list's query exactly as `GET /api/v1/<path>` takes it (filters, `q`, `sort`): what the
 * URL carries, what a saved view stores and what an export is given.
 */
export type ListParams = Readonly<Record<string, string>>;

/** What the list's URL holds: the query, the saved view it came from, and the columns shown. */
export type ListLocation = { params: ListParams; viewId: number | null; columns: readonly RecordColumn[] | null };

export const EMPTY_LOCATION: ListLocation = { params: {}, viewId: null, columns: null };

// The base catalogue (any state key): the server checks states against the type's workflow.
const FILTERS = filterParams(recordFilterFields());
const VIEW = 'view';
const COLUMNS = 'columns';
export const DEFAULT_SORT = '-number';

const isSort = (value: string) => RECORD_SORT_FIELDS.some((field) => value === field || value === `-${field}`);

/** Whether the API would take this parameter; a hand-edited URL cannot break the list. */
export function isValidParam(name: string, value: string): boolean {
  if (name === 'q') return searchTextSchema.safeParse(value).success;
  if (name === 'sort') return isSort(value);
  return FILTERS.get(name)?.safeParse(value).success ?? false;
}

function isColumn(value: string): value is RecordColumn {
  return RECORD_COLUMNS.some((c) => c === value);
}

export function parseColumns(raw: string | null): RecordColumn[] | null {
  if (!raw) return null;
  const chosen = raw.split(',').filter(isColumn);
  return chosen.length > 0 ? RECORD_COLUMNS.filter((c) => chosen.includes(c)) : null;
}

export function readLocation(search: URLSearchParams): ListLocation {
  const params: Record<string, string> = {};
  for (const [name, value] of search) {
    if (isValidParam(name, value)) params[name] = value;
  }
  const view = Number(search.get(VIEW));
  return { params, viewId: Number.isSafeInteger(view) && view > 0 ? view : null, columns: parseColumns(search.get(COLUMNS)) };
}

export function writeLocation(location: ListLocation): URLSearchParams {
  const search = new URLSearchParams();
  if (location.viewId !== null) search.set(VIEW, String(location.viewId));
  for (const [name, value] of Object.entries(location.params)) search.set(name, value);
  if (location.columns) search.set(COLUMNS, location.columns.join(','));
  return search;
}

/** The inverse of splitList: `\` and `,` inside a value are escaped. */
export function joinList(values: readonly (string | number)[]): string {
  return values.map((v) => String(v).replace(/[\\,]/g, (c) => `\\${c}`)).join(',');
}

export function listValues(params: ListParams, name: string): string[] {
  const raw = params[name];
  return raw === undefined || raw === '' ? [] : splitList(raw);
}

/** The params with some set or (with undefined or an empty list) removed. */
export function withParams(params: ListParams, changes: Record<string, string | readonly (string | number)[] | undefined>): ListParams {
  const next: Record<string, string> = { ...params };
  for (const [name, value] of Object.entries(changes)) {
    const text = typeof value === 'string' || value === undefined ? value : joinList(value);
    if (text === undefined || text === '') delete next[name];
    else next[name] = text;
  }
  return next;
}

export function sameParams(a: ListParams, b: ListParams): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

export function sameColumns(a: readonly RecordColumn[], b: readonly RecordColumn[]): boolean {
  return a.length === b.length && a.every((c, i) => c === b[i]);
}

export type SortChoice = { field: RecordSortField; descending: boolean };

export function parseSort(sort: string | undefined): SortChoice {
  const raw = sort && isSort(sort) ? sort : DEFAULT_SORT;
  const descending = raw.startsWith('-');
  const name = descending ? raw.slice(1) : raw;
  return { field: RECORD_SORT_FIELDS.find((f) => f === name) ?? 'number', descending };
}

/** The default sort is left out of the URL, so an untouched list has a clean address. */
export function sortParam(choice: SortChoice): string | undefined {
  const value = `${choice.descending ? '-' : ''}${choice.field}`;
  return value === DEFAULT_SORT ? undefined : value;
}

/** How many filters (not sort) are in force: a badge on "more filters" and a reason to offer "clear". */
export function filterCount(params: ListParams): number {
  return Object.keys(params).filter((name) => name !== 'sort').length;
}

export const defaultColumns = (): RecordColumn[] => [...DEFAULT_RECORD_COLUMNS];
