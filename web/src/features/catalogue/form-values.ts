import type { CatalogueField, CatalogueFieldType, CatalogueForm } from '@keel/shared';

/** A form field as the editor holds it: options as text lines, bounds as optional numbers. */
export type FieldValues = {
  key: string;
  type: CatalogueFieldType;
  labelZh: string;
  labelEn: string;
  required: boolean;
  /** One option per line: `value | 中文 | English`. */
  options: string;
  min: number | null;
  max: number | null;
  pattern: string;
};

const CHOICES: readonly CatalogueFieldType[] = ['choice', 'multi_choice'];
const BOUNDED: readonly CatalogueFieldType[] = ['number', 'text', 'textarea', 'multi_choice'];
const PATTERNED: readonly CatalogueFieldType[] = ['text', 'textarea'];

export const hasOptions = (type: CatalogueFieldType) => CHOICES.includes(type);
export const hasBounds = (type: CatalogueFieldType) => BOUNDED.includes(type);
export const hasPattern = (type: CatalogueFieldType) => PATTERNED.includes(type);

export function newField(index: number): FieldValues {
  return {
    key: `field_${index + 1}`,
    type: 'text',
    labelZh: '',
    labelEn: '',
    required: false,
    options: '',
    min: null,
    max: null,
    pattern: '',
  };
}

export function fieldValuesOf(f: CatalogueField): FieldValues {
  return {
    key: f.key,
    type: f.type,
    labelZh: f.label['zh-CN'],
    labelEn: f.label.en,
    required: f.required,
    options: (f.options ?? []).map((o) => `${o.value} | ${o.label['zh-CN']} | ${o.label.en}`).join('\n'),
    min: f.min ?? null,
    max: f.max ?? null,
    pattern: f.pattern ?? '',
  };
}

/** `value | 中文 | English` per line; a missing label repeats the one given (or the value). */
export function parseOptions(text: string): NonNullable<CatalogueField['options']> {
  return text
    .split('\n')
    .map((line) => line.split('|').map((part) => part.trim()))
    .filter((parts) => parts[0] !== undefined && parts[0] !== '')
    .map(([value = '', zh, en]) => ({ value, label: { 'zh-CN': zh || en || value, en: en || zh || value } }));
}

/** The form definition to send: only the properties the field's type takes, so the server's checks read plainly. */
export function formOf(fields: readonly FieldValues[]): CatalogueForm {
  return {
    fields: fields.map((f) => ({
      key: f.key.trim(),
      type: f.type,
      label: { 'zh-CN': f.labelZh.trim(), en: f.labelEn.trim() },
      required: f.required,
      ...(hasOptions(f.type) ? { options: parseOptions(f.options) } : {}),
      ...(hasBounds(f.type) && typeof f.min === 'number' ? { min: f.min } : {}),
      ...(hasBounds(f.type) && typeof f.max === 'number' ? { max: f.max } : {}),
      ...(hasPattern(f.type) && f.pattern.trim() !== '' ? { pattern: f.pattern.trim() } : {}),
    })),
  };
}
