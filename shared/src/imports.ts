import { z } from 'zod';

/**
 * The import mapping: how one event-log format becomes records with their history. Mappings
 * are data (`imports/*.json` in the repository, or edited on the admin screen); a new log
 * format needs a new mapping, never a new importer. Reference: docs/import.md.
 */
const columnSchema = z.string().min(1).max(100);

/** Source value → Keel value; `null` means "no value on this row" (the previous one stands). */
const valueMapSchema = z.record(z.string().max(200), z.union([z.string().max(200), z.number(), z.null()]));

export const importFieldSchema = z.strictObject({
  column: columnSchema,
  /** When given, a value missing from the map is a bad row, unless `otherwise` is `keep`. */
  values: valueMapSchema.optional(),
  otherwise: z.enum(['reject', 'keep']).default('reject'),
});
export type ImportField = z.infer<typeof importFieldSchema>;

/** The record fields a mapping can fill; each takes its value from one column. */
export const IMPORT_FIELDS = [
  'state',
  'impact',
  'urgency',
  'priority',
  'category',
  'group',
  'assignee',
  'requester',
  'openedAt',
  'resolvedAt',
  'closedAt',
] as const;
export type ImportFieldKey = (typeof IMPORT_FIELDS)[number];

export const importMappingSchema = z.strictObject({
  version: z.literal(1),
  /** The file name without `.json`; also the key under which records remember their source. */
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
  label: z.string().min(1).max(200),
  description: z.string().max(4000).default(''),
  recordType: z.string().regex(/^[a-z_]{1,40}$/),
  format: z.strictObject({
    type: z.literal('csv'),
    delimiter: z.string().length(1).default(','),
    /** Cell values that mean "no value" (UCI writes `?`). */
    missing: z.array(z.string().max(20)).max(10).default([]),
    /** A gzip-compressed file is recognised by its first bytes and read as it streams. */
    gzip: z.boolean().default(true),
  }),
  /** How time cells are written: tokens d dd m mm yyyy H HH M MM S SS fff (m = month, M = minute, fff = milliseconds), or `iso`. */
  time: z.strictObject({
    format: z.string().min(1).max(40),
    /** `UTC`, a fixed offset such as `+08:00`, or an IANA zone such as `Asia/Shanghai`. */
    timeZone: z.string().min(1).max(60).default('UTC'),
  }),
  /**
   * One case = one record: its events are grouped by `id`, ordered by `order` (an integer
   * column; without one, by `at`, then by line), dated by `at`.
   */
  case: z.strictObject({
    id: columnSchema,
    order: columnSchema.optional(),
    at: columnSchema,
    /** Who wrote each event (the author of its timeline entries). */
    author: columnSchema.optional(),
    /** Who created the record. */
    createdBy: columnSchema.optional(),
  }),
  /** `{column}` placeholders; missing values leave their placeholder empty. */
  title: z.strictObject({ template: z.string().min(1).max(500) }),
  fields: z.partialRecord(z.enum(IMPORT_FIELDS), importFieldSchema),
  /** People and groups are found by name and created on first sight as inactive placeholders. */
  people: z.strictObject({ usernamePrefix: z.string().regex(/^[a-z][a-z0-9]{0,15}\.$/) }),
  /** Columns naming records elsewhere (problems, changes), kept by their external numbers. */
  links: z
    .array(z.strictObject({ column: columnSchema, kind: z.string().regex(/^[a-z_]{1,40}$/) }))
    .max(20)
    .default([]),
  /** A column saying whether the source met its SLA, kept for the attainment report. */
  sla: z.strictObject({ column: columnSchema, met: z.array(z.string()).min(1), missed: z.array(z.string()).min(1) }).optional(),
  /** Other columns kept as they were on the case's last event. */
  keep: z.array(columnSchema).max(100).default([]),
});
export type ImportMapping = z.infer<typeof importMappingSchema>;

/** Why a row (or the header, line 1) was refused; clients word it from `code` and `params`, `message` is English. */
export const IMPORT_PROBLEM_CODES = [
  'missing_column',
  'duplicate_column',
  'not_a_state',
  'not_a_level',
  'bad_time_format',
  'cell_count',
  'case_id_missing',
  'order_not_integer',
  'time_missing',
  'bad_time',
  'not_in_values',
  'sla_value',
  'unclosed_quote',
  'empty_file',
] as const;
export type ImportProblemCode = (typeof IMPORT_PROBLEM_CODES)[number];

export const importProblemSchema = z.object({
  line: z.number().int(),
  column: z.string().nullable(),
  code: z.enum(IMPORT_PROBLEM_CODES),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  message: z.string(),
});
export type ImportProblem = z.infer<typeof importProblemSchema>;

export const importReportSchema = z.object({
  dryRun: z.boolean(),
  /** False when the file had bad rows: nothing was written. */
  ok: z.boolean(),
  rows: z.number().int(),
  cases: z.number().int(),
  rejectedRows: z.number().int(),
  /** Every bad row, with its line (the header is line 1), up to `IMPORT_PROBLEMS_SHOWN`. */
  problems: z.array(importProblemSchema),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  journalEntries: z.number().int(),
  people: z.number().int(),
  groups: z.number().int(),
  ms: z.number().int(),
});
export type ImportReport = z.infer<typeof importReportSchema>;

export const IMPORT_PROBLEMS_SHOWN = 1000;

/** The mappings shipped in the repository's `imports/` folder. */
export const importMappingListSchema = z.object({
  items: z.array(z.object({ name: z.string(), label: z.string(), recordType: z.string(), mapping: importMappingSchema })),
});

/** The header row of an uploaded file, read before the mapping step. */
export const importHeaderSchema = z.object({ columns: z.array(z.string()), sampleRows: z.array(z.array(z.string())) });
export type ImportHeader = z.infer<typeof importHeaderSchema>;

/** The largest log the API accepts (the CLI has no limit): the whole UCI log is 46 MB unzipped, 3 MB gzipped. */
export const IMPORT_MAX_BYTES = 200 * 1024 * 1024;

/** `POST /api/v1/imports?mapping=<name>&dryRun=true`: a shipped mapping by name, or an edited one in the multipart field `mapping`. */
export const importQuerySchema = z.strictObject({
  mapping: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/)
    .optional(),
  dryRun: z.enum(['true', 'false']).default('true'),
});

/** `GET /api/v1/<path>/<number>/imported` (staff): where an imported record came from; `item` is null for a native record. */
export const recordImportSchema = z.object({
  mapping: z.string(),
  importedAt: z.string(),
  /** The last source event replayed onto the record (its order value, or its time without an order column). */
  lastOrder: z.number(),
  slaMet: z.boolean().nullable(),
  /** The mapping's `keep` columns as they were on the case's last event. */
  source: z.record(z.string(), z.string().nullable()),
  /** References to records elsewhere by their external numbers (problems, changes). */
  externalLinks: z.array(z.object({ kind: z.string(), number: z.string() })),
});
export type RecordImport = z.infer<typeof recordImportSchema>;
export const recordImportResponseSchema = z.object({ item: recordImportSchema.nullable() });
