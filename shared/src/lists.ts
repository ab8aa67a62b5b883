import { z } from 'zod';
import { hasControlCharacters, idSchema, isoTimeSchema } from './common.js';
import { LIMITS } from './limits.js';
import { pageQuerySchema, sortSchema } from './pagination.js';
import { RECORD_SOURCES } from './records.js';
import { STATE_CATEGORIES } from './states.js';

/**
 * What a list filter may do with a field, and how it is written in the query string:
 * - eq:    `priority=1,2`         equals one of (a single value is plain equality)
 * - range: `openedAt.gte=…`, `openedAt.lte=…` (both ends inclusive)
 * - empty: `assigneeId.empty=true` (or `false`: has a value)
 * - text:  `title.text=vpn`       contains, case-insensitive, served by the search index
 * In a list, a comma separates values and `\,` is a literal comma.
 */
export const FILTER_OPERATORS = ['eq', 'range', 'empty', 'text'] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

export type FilterValue =
  | { kind: 'integer'; min: number; max: number }
  /**
   * A user, group or organisation id; `me` stands for the caller (so a shared view can say
   * "mine"). Where `mine` is allowed, it stands for every group the caller belongs to.
   */
  | { kind: 'id'; mine?: boolean }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'text'; max: number }
  /** ISO-8601 with an offset; compared as an instant. */
  | { kind: 'time' };

/**
 * One filterable field of a record type. The catalogue is data: the base fields below for
 * every type, and a later piece appends admin-defined custom fields as more descriptors.
 * Labels of base fields are `lists.fields.<key>` in the i18n catalogues.
 */
export type FilterField = { key: string; value: FilterValue; operators: readonly FilterOperator[] };

const level = (max: number): FilterValue => ({ kind: 'integer', min: 1, max });
const ID: FilterValue = { kind: 'id' };
const TIME: FilterValue = { kind: 'time' };

/**
 * The base record fields every type can be filtered on. `states` limits `state` to a known
 * list; without one (an administrator may add states to a workflow) any state key is accepted.
 */
export function recordFilterFields(states: readonly string[] = []): FilterField[] {
  return [
    { key: 'state', value: states.length > 0 ? { kind: 'enum', values: states } : { kind: 'text', max: 40 }, operators: ['eq'] },
    { key: 'stateCategory', value: { kind: 'enum', values: STATE_CATEGORIES }, operators: ['eq'] },
    { key: 'priority', value: level(5), operators: ['eq', 'range', 'empty'] },
    { key: 'impact', value: level(3), operators: ['eq', 'range', 'empty'] },
    { key: 'urgency', value: level(3), operators: ['eq', 'range', 'empty'] },
    { key: 'category', value: { kind: 'text', max: 100 }, operators: ['eq', 'empty'] },
    { key: 'serviceId', value: ID, operators: ['eq', 'empty'] },
    { key: 'source', value: { kind: 'enum', values: RECORD_SOURCES }, operators: ['eq'] },
    { key: 'groupId', value: { kind: 'id', mine: true }, operators: ['eq', 'empty'] },
    { key: 'assigneeId', value: ID, operators: ['eq', 'empty'] },
    { key: 'requesterId', value: ID, operators: ['eq', 'empty'] },
    { key: 'organisationId', value: ID, operators: ['eq', 'empty'] },
    { key: 'openedAt', value: TIME, operators: ['range'] },
    { key: 'updatedAt', value: TIME, operators: ['range'] },
    { key: 'resolvedAt', value: TIME, operators: ['range', 'empty'] },
    { key: 'closedAt', value: TIME, operators: ['range', 'empty'] },
    /** The earliest running SLA due time: "at risk" is `slaDueAt.lte=<soon>`. */
    { key: 'slaDueAt', value: TIME, operators: ['range', 'empty'] },
    { key: 'title', value: { kind: 'text', max: LIMITS.search }, operators: ['text'] },
    { key: 'description', value: { kind: 'text', max: LIMITS.search }, operators: ['text'] },
  ];
}

/** A value after validation: integers and times as numbers (times in epoch ms), `me` kept for the server. */
export type FilterScalar = string | number;

export type FilterCondition =
  | { field: string; op: 'eq'; values: FilterScalar[] }
  | { field: string; op: 'gte' | 'lte'; value: FilterScalar }
  | { field: string; op: 'empty'; value: boolean }
  | { field: string; op: 'text'; value: string };

/** Splits `a,b\,c` into ["a", "b,c"]. */
export function splitList(raw: string): string[] {
  const items: string[] = [];
  let current = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\' && (raw[i + 1] === ',' || raw[i + 1] === '\\')) {
      current += raw[i + 1];
      i++;
    } else if (c === ',') {
      items.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  items.push(current);
  return items;
}

const plainText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => !hasControlCharacters(v), { message: 'Control characters are not allowed' });

function scalarSchema(value: FilterValue): z.ZodType<FilterScalar> {
  switch (value.kind) {
    case 'integer':
      return z.coerce.number().int().min(value.min).max(value.max);
    case 'id':
      return value.mine ? z.union([z.literal('me'), z.literal('mine'), idSchema]) : z.union([z.literal('me'), idSchema]);
    case 'enum':
      // An empty list (the catalogue of no particular type) still allows only key-shaped values.
      return value.values.length === 0
        ? z.string().regex(/^[a-z][a-z0-9_]{0,39}$/)
        : z.string().refine((v) => value.values.includes(v), { message: `One of: ${value.values.join(', ')}` });
    case 'text':
      return plainText(value.max);
    case 'time':
      return isoTimeSchema.transform((v) => Date.parse(v));
  }
}

const MAX_VALUES = 50;

function parseScalar(scalar: z.ZodType<FilterScalar>, raw: string, ctx: z.RefinementCtx): FilterScalar | undefined {
  const parsed = scalar.safeParse(raw);
  if (parsed.success) return parsed.data;
  ctx.addIssue({ code: 'custom', message: `"${raw.slice(0, 50)}": ${parsed.error.issues[0]?.message ?? 'not valid'}` });
  return undefined;
}

/** The query-string parameters one field accepts, each validated into a condition. */
function fieldParams(field: FilterField): [string, z.ZodType<FilterCondition>][] {
  const scalar = scalarSchema(field.value);
  const params: [string, z.ZodType<FilterCondition>][] = [];
  for (const op of field.operators) {
    if (op === 'eq') {
      const list = z
        .string()
        .max(4000)
        .transform((raw, ctx) => {
          const items = splitList(raw);
          if (items.length > MAX_VALUES) {
            ctx.addIssue({ code: 'custom', message: `At most ${MAX_VALUES} values` });
            return z.NEVER;
          }
          const values: FilterScalar[] = [];
          for (const item of items) {
            const value = parseScalar(scalar, item, ctx);
            if (value === undefined) return z.NEVER;
            values.push(value);
          }
          return { field: field.key, op: 'eq' as const, values: [...new Set(values)] };
        });
      params.push([field.key, list]);
    } else if (op === 'range') {
      for (const bound of ['gte', 'lte'] as const) {
        const one = z.string().transform((raw, ctx) => {
          const value = parseScalar(scalar, raw, ctx);
          return value === undefined ? z.NEVER : { field: field.key, op: bound, value };
        });
        params.push([`${field.key}.${bound}`, one]);
      }
    } else if (op === 'empty') {
      const flag = z.enum(['true', 'false']).transform((v) => ({ field: field.key, op: 'empty' as const, value: v === 'true' }));
      params.push([`${field.key}.empty`, flag]);
    } else {
      const contains = plainText(LIMITS.search).transform((value) => ({ field: field.key, op: 'text' as const, value }));
      params.push([`${field.key}.text`, contains]);
    }
  }
  return params;
}

/** Every query-string parameter of a catalogue, by name: the allow-list of filters. */
export function filterParams(fields: readonly FilterField[]): ReadonlyMap<string, z.ZodType<FilterCondition>> {
  return new Map(fields.flatMap(fieldParams));
}

/**
 * Custom fields are filtered as `custom.<key>=a,b`, `custom.<key>.gte=` / `.lte=` and
 * `custom.<key>.empty=true|false`. Their definitions live in the database, so the shape is
 * checked here and the field, its kind and the values by the server (a 400 naming the parameter).
 */
const CUSTOM_PARAM = /^custom\.([a-z][a-z0-9_]{0,39})(?:\.(gte|lte|empty))?$/;

function customCondition(name: string, raw: unknown, ctx: z.RefinementCtx): FilterCondition | undefined {
  const match = CUSTOM_PARAM.exec(name);
  const parsed = plainText(4000).safeParse(raw);
  if (!match || !parsed.success) {
    ctx.addIssue({ code: 'custom', path: [name], message: match ? 'Not a valid value' : `Unknown filter "${name.slice(0, 64)}"` });
    return undefined;
  }
  const field = `custom.${match[1]}`;
  const op = match[2];
  if (op === 'gte' || op === 'lte') return { field, op, value: parsed.data };
  if (op === 'empty') {
    if (parsed.data === 'true' || parsed.data === 'false') return { field, op: 'empty', value: parsed.data === 'true' };
    ctx.addIssue({ code: 'custom', path: [name], message: 'true or false' });
    return undefined;
  }
  const values = splitList(parsed.data);
  if (values.length > MAX_VALUES) {
    ctx.addIssue({ code: 'custom', path: [name], message: `At most ${MAX_VALUES} values` });
    return undefined;
  }
  return { field, op: 'eq', values: [...new Set(values)] };
}

/** Validates every parameter not in `known` as a filter; an unknown name is an error naming it. */
function collectFilters(
  input: Record<string, unknown>,
  known: ReadonlySet<string>,
  params: ReadonlyMap<string, z.ZodType<FilterCondition>>,
  ctx: z.RefinementCtx,
): FilterCondition[] {
  const filters: FilterCondition[] = [];
  for (const [name, raw] of Object.entries(input)) {
    if (known.has(name) || raw === undefined) continue;
    const schema = params.get(name);
    if (!schema) {
      const custom = name.startsWith('custom.') ? customCondition(name, raw, ctx) : undefined;
      if (custom) filters.push(custom);
      else if (!name.startsWith('custom.'))
        ctx.addIssue({ code: 'custom', path: [name], message: `Unknown filter "${name.slice(0, 64)}"` });
      continue;
    }
    const parsed = schema.safeParse(raw);
    if (parsed.success) filters.push(parsed.data);
    else for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: [name], message: issue.message });
  }
  return filters;
}

/** Sortable list fields; each has an index ending in id so every page is a keyset range. */
export const RECORD_SORT_FIELDS = ['number', 'updatedAt', 'openedAt', 'priority', 'slaDueAt'] as const;
export type RecordSortField = (typeof RECORD_SORT_FIELDS)[number];

/** Free text to search for: trimmed, 1–200 characters, no control characters. */
export const searchTextSchema = plainText(LIMITS.search);

/** What the list, the export and a saved view share: filters, free text and sort. */
const viewQueryShape = {
  sort: sortSchema(RECORD_SORT_FIELDS),
  /** Free text over number, title and description (the search index); an empty box is no filter. */
  q: z
    .string()
    .trim()
    .max(LIMITS.search)
    .refine((v) => !hasControlCharacters(v), { message: 'Control characters are not allowed' })
    .transform((v) => v || undefined)
    .optional(),
};

export type RecordListQuery = {
  limit: number;
  cursor?: string;
  sort?: string;
  q?: string;
  filters: FilterCondition[];
};

/** `GET /api/v1/<path>`: paging, sort, `q` and any filter of the type's catalogue. */
export function recordListQuerySchema(fields: readonly FilterField[]) {
  const params = filterParams(fields);
  const shape = { ...pageQuerySchema.shape, ...viewQueryShape };
  const known = new Set(Object.keys(shape));
  return z
    .object(shape)
    .catchall(z.unknown())
    .transform((input, ctx): RecordListQuery => {
      const filters = collectFilters(input, known, params, ctx);
      return { limit: input.limit, cursor: input.cursor, sort: input.sort, q: input.q, filters };
    });
}

/** The list query of the base catalogue, for clients that do not know a type's workflow states. */
export const listRecordsQuerySchema = recordListQuerySchema(recordFilterFields([]));
export type ListRecordsQuery = RecordListQuery;

/** Columns a view shows and an export writes; headers are `lists.columns.<key>`. */
export const RECORD_COLUMNS = [
  'number',
  'title',
  'description',
  'state',
  'stateCategory',
  'priority',
  'impact',
  'urgency',
  'category',
  'requester',
  'organisation',
  'assignee',
  'group',
  'openedAt',
  'updatedAt',
  'resolvedAt',
  'closedAt',
] as const;
export type RecordColumn = (typeof RECORD_COLUMNS)[number];
export const DEFAULT_RECORD_COLUMNS: readonly RecordColumn[] = [
  'number',
  'title',
  'state',
  'priority',
  'category',
  'requester',
  'assignee',
  'group',
  'openedAt',
  'updatedAt',
];

const columnsParam = z
  .string()
  .max(1000)
  .transform((raw, ctx) => {
    const columns = raw.split(',');
    const unknown = columns.filter((c) => !(RECORD_COLUMNS as readonly string[]).includes(c));
    if (unknown.length > 0 || columns.length === 0) {
      ctx.addIssue({ code: 'custom', message: `Unknown columns: ${unknown.join(', ').slice(0, 200)}` });
      return z.NEVER;
    }
    return RECORD_COLUMNS.filter((c) => columns.includes(c));
  });

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;

export type RecordExportQuery = {
  format: (typeof EXPORT_FORMATS)[number];
  columns?: RecordColumn[];
  view?: number;
  sort?: string;
  q?: string;
  filters: FilterCondition[];
};

/** `GET /api/v1/<path>/export`: the list's filters and sort, or a saved view's, as CSV or Excel. */
export function recordExportQuerySchema(fields: readonly FilterField[]) {
  const params = filterParams(fields);
  const shape = {
    ...viewQueryShape,
    format: z.enum(EXPORT_FORMATS).default('csv'),
    columns: columnsParam.optional(),
    /** A saved view's id: its filters, sort and columns, under any given here. */
    view: idSchema.optional(),
  };
  const known = new Set(Object.keys(shape));
  return z
    .object(shape)
    .catchall(z.unknown())
    .transform(
      (input, ctx): RecordExportQuery => ({
        format: input.format,
        columns: input.columns,
        view: input.view,
        sort: input.sort,
        q: input.q,
        filters: collectFilters(input, known, params, ctx),
      }),
    );
}

/** A record type's key as clients name it (task, incident). */
export const recordTypeKeySchema = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { message: 'A record type key such as task' });
