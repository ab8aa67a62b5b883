import { z } from 'zod';
import { optionalText, text } from './common.js';
import { customValuesSchema } from './custom-fields.js';
import { LIMITS } from './limits.js';
import { pageQuerySchema } from './pagination.js';
import { slaClockSchema } from './sla.js';
import { STATE_CATEGORIES } from './states.js';

/** How a record reached the service desk (P-6.1: by agents, customers in the portal, mail, the API, or an import). */
export const RECORD_SOURCES = ['agent', 'portal', 'mail', 'api', 'import'] as const;
export type RecordSource = (typeof RECORD_SOURCES)[number];

/** Impact and urgency: 1 = high … 3 = low. */
export const levelSchema = z.number().int().min(1).max(3);

export const recordSchema = z.object({
  id: z.number().int(),
  type: z.string(),
  number: z.string(),
  title: z.string(),
  description: z.string(),
  state: z.string(),
  stateCategory: z.enum(STATE_CATEGORIES),
  impact: z.number().int().nullable(),
  urgency: z.number().int().nullable(),
  priority: z.number().int().nullable(),
  category: z.string().nullable(),
  /** The service the record is about (P-3.1). */
  serviceId: z.number().int().nullable(),
  serviceName: z.string().nullable(),
  requesterId: z.number().int().nullable(),
  requesterName: z.string().nullable(),
  organisationId: z.number().int().nullable(),
  assigneeId: z.number().int().nullable(),
  assigneeName: z.string().nullable(),
  groupId: z.number().int().nullable(),
  groupName: z.string().nullable(),
  openedAt: z.string(),
  updatedAt: z.string(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  version: z.number().int(),
  source: z.enum(RECORD_SOURCES),
  /** The source system's own identifier (an imported ticket's number there); null when raised in Keel. */
  externalId: z.string().nullable(),
  /** How often the record moved to another group, and was reopened after being resolved. */
  reassignmentCount: z.number().int(),
  reopenCount: z.number().int(),
  /** The record this one is part of (a task's parent, a major incident's child). */
  parentNumber: z.string().nullable(),
  /** Roll-up of child records: how many, and how many are not yet finished. */
  children: z.object({ total: z.number().int(), open: z.number().int() }),
  /** The type's own typed fields (its extension table), e.g. a task's due time. */
  extension: z.record(z.string(), z.unknown()),
  /** Admin-defined custom fields by key; a field without a value is absent. */
  custom: z.record(z.string(), z.unknown()),
  /** SLA clocks running on the record, one per target of the policy that matched it. */
  sla: z.array(slaClockSchema),
  /** Workflow actions the caller may take now: the UI shows exactly these. */
  actions: z.array(z.string()),
});
export type RecordItem = z.infer<typeof recordSchema>;

export const createRecordSchema = z.strictObject({
  title: text(LIMITS.name),
  description: optionalText(50_000).optional(),
  impact: levelSchema.nullable().optional(),
  urgency: levelSchema.nullable().optional(),
  category: text(100).nullable().optional(),
  serviceId: z.number().int().positive().nullable().optional(),
  requesterId: z.number().int().positive().nullable().optional(),
  assigneeId: z.number().int().positive().nullable().optional(),
  groupId: z.number().int().positive().nullable().optional(),
  /** Number of the parent record (any type the caller can see); null detaches. */
  parent: z
    .string()
    .regex(/^[A-Z]{2,8}-\d{6,}$/, { message: 'A record number such as TASK-000042' })
    .nullable()
    .optional(),
  /** The type's own fields; each type's endpoint documents and checks its exact shape. */
  extension: z.record(z.string(), z.unknown()).optional(),
  custom: customValuesSchema.optional(),
});
export type CreateRecord = z.infer<typeof createRecordSchema>;

export const updateRecordSchema = createRecordSchema.omit({ requesterId: true }).partial().strict();
export type UpdateRecord = z.infer<typeof updateRecordSchema>;

export const recordNumberParamsSchema = z.strictObject({
  number: z.string().regex(/^[A-Z]{2,8}-\d{6,}$/, { message: 'A record number such as TASK-000042' }),
});

export const JOURNAL_KINDS = [
  'comment',
  'work_note',
  'field_change',
  'transition',
  'approval',
  'child',
  'sla',
  'attachment_added',
  'attachment_removed',
  /** A mail that arrived for the record: a reply (public, body = the mail's text) or, on a new record, who sent it (internal). */
  'mail',
] as const;
export type JournalKind = (typeof JOURNAL_KINDS)[number];

export const journalEntrySchema = z.object({
  id: z.number().int(),
  kind: z.enum(JOURNAL_KINDS),
  visibility: z.enum(['public', 'internal']),
  /** Markdown as written; clients render it with raw HTML disabled. */
  body: z.string(),
  /** Field changes: field → [before, after]; transitions: {from, to, action}; attachments: {attachmentId, fileName, size, mediaType}. */
  data: z.record(z.string(), z.unknown()),
  authorId: z.number().int().nullable(),
  authorName: z.string().nullable(),
  createdAt: z.string(),
});
export type JournalEntry = z.infer<typeof journalEntrySchema>;

export const addCommentSchema = z.strictObject({
  body: z.string().trim().min(1).max(50_000),
  /** An internal work note, never shown to customers. */
  internal: z.boolean().default(false),
});
export type AddComment = z.infer<typeof addCommentSchema>;

export const journalQuerySchema = pageQuerySchema.extend({
  /** oldest (default) or newest first; the cursor follows the order it was issued in. */
  order: z.enum(['oldest', 'newest']).default('oldest'),
});

/**
 * Link kinds, read from the record that holds the link: "A caused_by B". The other end
 * shows the inverse ("B causes A"), so a link is stored once and seen from both sides.
 */
export const LINK_KINDS = ['caused_by', 'duplicate_of', 'fixes', 'implements', 'part_of', 'raised_improvement', 'relates_to'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];
export const linkKindSchema = z.enum(LINK_KINDS);

export const recordLinkSchema = z.object({
  id: z.number().int(),
  kind: z.enum(LINK_KINDS),
  /** 'outgoing': this record → other ("caused by"); 'incoming': other → this record ("causes"). */
  direction: z.enum(['outgoing', 'incoming']),
  other: z.object({ type: z.string(), number: z.string(), title: z.string(), stateCategory: z.enum(STATE_CATEGORIES) }),
  createdAt: z.string(),
});
export type RecordLink = z.infer<typeof recordLinkSchema>;

export const createLinkSchema = z.strictObject({
  kind: z.enum(LINK_KINDS),
  target: recordNumberParamsSchema.shape.number,
});
export type CreateLink = z.infer<typeof createLinkSchema>;

/** A child record as its parent lists it. */
export const childRecordSchema = z.object({
  type: z.string(),
  path: z.string(),
  number: z.string(),
  title: z.string(),
  state: z.string(),
  stateCategory: z.enum(STATE_CATEGORIES),
  assigneeName: z.string().nullable(),
  groupName: z.string().nullable(),
});
export type ChildRecord = z.infer<typeof childRecordSchema>;
