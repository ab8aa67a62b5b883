import type { CreateRecord, RecordItem, UpdateRecord } from '@keel/shared';
import type { ExtraValues } from './fields/extra-values';

/** What the record form edits; empty strings stand for "no value". */
export type RecordValues = {
  title: string;
  description: string;
  impact: number | null;
  urgency: number | null;
  category: string;
  assigneeId: number | null;
  groupId: number | null;
  /** The service the record is about (live services are offered). */
  serviceId: number | null;
  /** The parent record's number; '' for none. */
  parent: string;
  /** The type's own fields and custom fields, by key (see fields/extra-values.ts). */
  extension?: ExtraValues;
  custom?: ExtraValues;
};

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

export const NEW_RECORD_VALUES: RecordValues = {
  title: '',
  description: '',
  impact: null,
  urgency: null,
  category: '',
  assigneeId: null,
  groupId: null,
  serviceId: null,
  parent: '',
};

export function valuesOf(record: RecordItem): RecordValues {
  return {
    title: record.title,
    description: record.description,
    impact: record.impact,
    urgency: record.urgency,
    category: record.category ?? '',
    assigneeId: record.assigneeId,
    groupId: record.groupId,
    serviceId: record.serviceId,
    parent: record.parentNumber ?? '',
  };
}

export function createBody(v: RecordValues): CreateRecord {
  const parent = orNull(v.parent ?? '')?.toUpperCase();
  return {
    title: v.title.trim(),
    description: v.description,
    impact: v.impact ?? null,
    urgency: v.urgency ?? null,
    category: orNull(v.category),
    assigneeId: v.assigneeId ?? null,
    groupId: v.groupId ?? null,
    ...(v.serviceId ? { serviceId: v.serviceId } : {}),
    ...(parent ? { parent } : {}),
  };
}

/** Only what changed, so an edit never rewrites (or journals) a field the user did not touch. */
export function updateBody(record: RecordItem, v: RecordValues): UpdateRecord {
  const next = createBody(v);
  const body: UpdateRecord = {};
  if (next.title !== record.title) body.title = next.title;
  if (next.description !== record.description) body.description = next.description;
  if (next.impact !== record.impact) body.impact = next.impact;
  if (next.urgency !== record.urgency) body.urgency = next.urgency;
  if (next.category !== record.category) body.category = next.category;
  if (next.assigneeId !== record.assigneeId) body.assigneeId = next.assigneeId;
  if (next.groupId !== record.groupId) body.groupId = next.groupId;
  if ((next.serviceId ?? null) !== record.serviceId) body.serviceId = next.serviceId ?? null;
  if ((next.parent ?? null) !== record.parentNumber) body.parent = next.parent ?? null;
  return body;
}

export function isRecordField(name: string): name is keyof RecordValues {
  return Object.hasOwn(NEW_RECORD_VALUES, name);
}
