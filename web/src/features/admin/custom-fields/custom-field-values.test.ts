import type { CustomField } from '@keel/shared';
import { describe, expect, it } from 'vitest';
import { createFieldBody, fieldValuesOf, newFieldValues, optionsFor, updateFieldBody } from './custom-field-values';

const site: CustomField = {
  id: 3,
  recordType: 'task',
  key: 'site',
  label: { 'zh-CN': '站点', en: 'Site' },
  kind: 'choice',
  options: { choices: [{ key: 'pudong', label: { 'zh-CN': '浦东', en: 'Pudong' } }] },
  required: true,
  indexed: false,
  active: true,
  position: 10,
  version: 2,
};

describe('custom field form values', () => {
  it('sends only the options of the chosen kind', () => {
    const options = { maxLength: 80, min: 1, max: 9, recordType: 'task', choices: [] };
    expect(optionsFor('text', options)).toEqual({ maxLength: 80 });
    expect(optionsFor('number', options)).toEqual({ min: 1, max: 9 });
    expect(optionsFor('reference', options)).toEqual({ recordType: 'task' });
    expect(optionsFor('date', options)).toEqual({});
    expect(optionsFor('number', { ...options, min: null, max: 0 })).toEqual({ max: 0 });
  });

  it('creates with trimmed key, labels and choices', () => {
    const values = {
      ...newFieldValues(20),
      key: ' site ',
      label: { 'zh-CN': ' 站点 ', en: 'Site ' },
      kind: 'choice' as const,
      options: { ...newFieldValues(0).options, choices: [{ key: ' pudong', label: { 'zh-CN': '浦东 ', en: ' Pudong' } }] },
    };
    expect(createFieldBody('task', values)).toEqual({
      recordType: 'task',
      key: 'site',
      label: { 'zh-CN': '站点', en: 'Site' },
      kind: 'choice',
      options: { choices: [{ key: 'pudong', label: { 'zh-CN': '浦东', en: 'Pudong' } }] },
      required: false,
      indexed: false,
      position: 20,
    });
  });

  it('edits what may change and keeps the stored kind', () => {
    const values = { ...fieldValuesOf(site), kind: 'text' as const, required: false };
    expect(updateFieldBody(site, values)).toEqual({
      label: site.label,
      options: site.options,
      required: false,
      indexed: false,
      position: 10,
    });
  });
});
