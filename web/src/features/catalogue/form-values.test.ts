import { catalogueFormSchema } from '@keel/shared';
import { describe, expect, it } from 'vitest';
import { fieldValuesOf, formOf, newField, parseOptions } from './form-values';

describe('request form editor values', () => {
  it('reads options one per line, filling a missing label from the other language', () => {
    expect(parseOptions('thin | 轻薄 | Thin\n\npro | 专业\nmax')).toEqual([
      { value: 'thin', label: { 'zh-CN': '轻薄', en: 'Thin' } },
      { value: 'pro', label: { 'zh-CN': '专业', en: '专业' } },
      { value: 'max', label: { 'zh-CN': 'max', en: 'max' } },
    ]);
  });

  it('sends only what a field’s type takes, and round-trips through the stored definition', () => {
    const values = [
      {
        ...newField(0),
        key: 'model',
        type: 'choice' as const,
        labelZh: '型号',
        labelEn: 'Model',
        required: true,
        options: 'a | 甲 | A',
        min: 1,
        pattern: 'x',
      },
      { ...newField(1), key: 'count', type: 'number' as const, labelZh: '数量', labelEn: 'Count', min: 1, max: 5, options: 'ignored' },
    ];
    const form = formOf(values);
    expect(form.fields[0]).toEqual({
      key: 'model',
      type: 'choice',
      label: { 'zh-CN': '型号', en: 'Model' },
      required: true,
      options: [{ value: 'a', label: { 'zh-CN': '甲', en: 'A' } }],
    });
    expect(form.fields[1]).toEqual({
      key: 'count',
      type: 'number',
      label: { 'zh-CN': '数量', en: 'Count' },
      required: false,
      min: 1,
      max: 5,
    });
    const stored = catalogueFormSchema.parse(form);
    expect(formOf(stored.fields.map(fieldValuesOf))).toEqual(form);
  });
});
