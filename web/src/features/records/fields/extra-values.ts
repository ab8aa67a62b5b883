import type { CustomField, RecordFields } from '@keel/shared';
import dayjs, { type Dayjs } from 'dayjs';
import { pickedInstant } from '../../../app/dates';

/** The kinds a form shows beyond the base fields: the type's own (text, number, time, boolean) and custom ones. */
export type ExtraKind = RecordFields['extension'][number]['kind'] | CustomField['kind'];
/** A field of either group as the form needs it. */
export type ExtraField = { key: string; kind: ExtraKind; required: boolean };
/** What an input holds: text, a number, a switch, a picked time or day, a user id; empty is null or undefined. */
export type ExtraValue = string | number | boolean | Dayjs | null | undefined;
export type ExtraValues = Record<string, ExtraValue>;
/** What travels in `extension` / `custom`. */
export type WireValue = string | number | boolean | null;

const DAY = 'YYYY-MM-DD';

/** A stored value as its input shows it: times in the user's zone, days as picker values. */
export function formValue(field: ExtraField, stored: unknown, timeZone: string): ExtraValue {
  if (stored === null || stored === undefined) return null;
  if (field.kind === 'time' && typeof stored === 'string') return dayjs(stored).tz(timeZone);
  if (field.kind === 'date' && typeof stored === 'string') return dayjs(stored, DAY);
  if (typeof stored === 'string' || typeof stored === 'number' || typeof stored === 'boolean') return stored;
  return null;
}

export function formValues(fields: readonly ExtraField[], stored: Record<string, unknown>, timeZone: string): ExtraValues {
  return Object.fromEntries(fields.map((f) => [f.key, formValue(f, stored[f.key], timeZone)]));
}

/** An input's value as the API takes it; empty text is no value. */
export function wireValue(field: ExtraField, value: ExtraValue, timeZone: string): WireValue {
  if (value === null || value === undefined) return null;
  if (dayjs.isDayjs(value)) return field.kind === 'date' ? value.format(DAY) : pickedInstant(value, timeZone);
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (trimmed === '') return null;
    return field.kind === 'reference' ? trimmed.toUpperCase() : trimmed;
  }
  return value;
}

/** Values for a create: only the filled ones, so an optional field left empty is simply absent. */
export function createExtra(fields: readonly ExtraField[], values: ExtraValues | undefined, timeZone: string): Record<string, WireValue> {
  const body: Record<string, WireValue> = {};
  for (const field of fields) {
    const value = wireValue(field, values?.[field.key], timeZone);
    if (value !== null) body[field.key] = value;
  }
  return body;
}

// Pickers work to the second: a stored time with milliseconds is not a change.
const same = (field: ExtraField, a: WireValue, b: unknown) =>
  field.kind === 'time' && typeof a === 'string' && typeof b === 'string'
    ? Math.floor(Date.parse(a) / 1000) === Math.floor(Date.parse(b) / 1000)
    : a === (b ?? null);

/** Values for an edit: only what changed, with null for a cleared field. */
export function updateExtra(
  fields: readonly ExtraField[],
  values: ExtraValues | undefined,
  stored: Record<string, unknown>,
  timeZone: string,
): Record<string, WireValue> {
  const body: Record<string, WireValue> = {};
  for (const field of fields) {
    const value = wireValue(field, values?.[field.key], timeZone);
    if (!same(field, value, stored[field.key])) body[field.key] = value;
  }
  return body;
}

/** Both groups of a type's extra fields, as the form walks them. */
export type FormExtras = { extension: readonly ExtraField[]; custom: readonly ExtraField[] };
type ExtraBody = { extension?: Record<string, WireValue>; custom?: Record<string, WireValue> };
type ExtraFormValues = { extension?: ExtraValues | undefined; custom?: ExtraValues | undefined };

const filled = (body: Record<string, WireValue>) => (Object.keys(body).length > 0 ? body : undefined);

function withoutEmpty(extension: Record<string, WireValue> | undefined, custom: Record<string, WireValue> | undefined): ExtraBody {
  return { ...(extension ? { extension } : {}), ...(custom ? { custom } : {}) };
}

export function extrasForCreate(extras: FormExtras, values: ExtraFormValues, timeZone: string): ExtraBody {
  return withoutEmpty(
    filled(createExtra(extras.extension, values.extension, timeZone)),
    filled(createExtra(extras.custom, values.custom, timeZone)),
  );
}

export function extrasForUpdate(
  extras: FormExtras,
  values: ExtraFormValues,
  stored: { extension: Record<string, unknown>; custom: Record<string, unknown> },
  timeZone: string,
): ExtraBody {
  return withoutEmpty(
    filled(updateExtra(extras.extension, values.extension, stored.extension, timeZone)),
    filled(updateExtra(extras.custom, values.custom, stored.custom, timeZone)),
  );
}
