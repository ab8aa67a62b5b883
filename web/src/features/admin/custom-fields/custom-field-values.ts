import type { CreateCustomField, CustomField, CustomFieldKind, CustomFieldOptions, UpdateCustomField } from '@keel/shared';

/** What the custom field drawer edits; options of every kind are kept, only the kind's own are sent. */
export type CustomFieldValues = {
  key: string;
  label: { 'zh-CN': string; en: string };
  kind: CustomFieldKind;
  required: boolean;
  indexed: boolean;
  position: number;
  options: {
    maxLength: number | null;
    min: number | null;
    max: number | null;
    recordType: string | null;
    choices: { key: string; label: { 'zh-CN': string; en: string } }[];
  };
};

export function newFieldValues(position: number): CustomFieldValues {
  return {
    key: '',
    label: { 'zh-CN': '', en: '' },
    kind: 'text',
    required: false,
    indexed: false,
    position,
    options: { maxLength: null, min: null, max: null, recordType: null, choices: [] },
  };
}

export function fieldValuesOf(field: CustomField): CustomFieldValues {
  const o = field.options;
  return {
    key: field.key,
    label: { ...field.label },
    kind: field.kind,
    required: field.required,
    indexed: field.indexed,
    position: field.position,
    options: {
      maxLength: o.maxLength ?? null,
      min: o.min ?? null,
      max: o.max ?? null,
      recordType: o.recordType ?? null,
      choices: (o.choices ?? []).map((c) => ({ key: c.key, label: { ...c.label } })),
    },
  };
}

const some = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined;

/** The options that mean something for a kind; the rest of the form is left behind. */
export function optionsFor(kind: CustomFieldKind, o: CustomFieldValues['options']): CustomFieldOptions {
  switch (kind) {
    case 'text':
      return some(o.maxLength) ? { maxLength: o.maxLength } : {};
    case 'number':
      return { ...(some(o.min) ? { min: o.min } : {}), ...(some(o.max) ? { max: o.max } : {}) };
    case 'choice':
      return {
        choices: o.choices.map((c) => ({ key: c.key.trim(), label: { 'zh-CN': c.label['zh-CN'].trim(), en: c.label.en.trim() } })),
      };
    case 'reference':
      return some(o.recordType) ? { recordType: o.recordType } : {};
    default:
      return {};
  }
}

const label = (v: CustomFieldValues) => ({ 'zh-CN': v.label['zh-CN'].trim(), en: v.label.en.trim() });

export function createFieldBody(recordType: string, v: CustomFieldValues): CreateCustomField {
  return {
    recordType,
    key: v.key.trim(),
    label: label(v),
    kind: v.kind,
    options: optionsFor(v.kind, v.options),
    required: v.required,
    indexed: v.indexed,
    position: v.position,
  };
}

/** Everything an edit may change (key, type and kind stay); the server audits what really changed. */
export function updateFieldBody(field: CustomField, v: CustomFieldValues): UpdateCustomField {
  return {
    label: label(v),
    options: optionsFor(field.kind, v.options),
    required: v.required,
    indexed: v.indexed,
    position: v.position,
  };
}
