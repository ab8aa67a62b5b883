import type { CustomField } from '@keel/shared';
import { describe, expect, it } from 'vitest';
import { checkValue } from './values.js';

const field = (kind: CustomField['kind'], options: CustomField['options'] = {}): CustomField => ({
  id: 1,
  recordType: 'task',
  key: 'f',
  label: { en: 'F', 'zh-CN': 'F' },
  kind,
  options,
  required: false,
  indexed: false,
  active: true,
  position: 0,
  version: 1,
});

describe('checkValue', () => {
  it('limits text to its maximum length, counting Chinese characters as one each', () => {
    expect(checkValue(field('text', { maxLength: 3 }), '机房A')).toBeNull();
    expect(checkValue(field('text', { maxLength: 3 }), '机房AB')).toMatch(/At most 3/);
    expect(checkValue(field('text'), 5)).toBe('Must be text');
  });

  it('keeps numbers inside their range', () => {
    const f = field('number', { min: 0, max: 10 });
    expect(checkValue(f, 0)).toBeNull();
    expect(checkValue(f, 10)).toBeNull();
    expect(checkValue(f, -0.5)).toMatch(/At least/);
    expect(checkValue(f, 10.01)).toMatch(/At most/);
    expect(checkValue(f, '5')).toBe('Must be a number');
    expect(checkValue(f, Number.NaN)).toBe('Must be a number');
  });

  it('accepts only real calendar dates', () => {
    const f = field('date');
    expect(checkValue(f, '2028-02-29')).toBeNull();
    expect(checkValue(f, '2026-02-29')).not.toBeNull();
    expect(checkValue(f, '2026-13-01')).not.toBeNull();
    expect(checkValue(f, '2026-1-1')).not.toBeNull();
  });

  it('accepts only defined choices, positive user ids and record numbers', () => {
    expect(checkValue(field('choice', { choices: [{ key: 'a', label: { en: 'A', 'zh-CN': 'A' } }] }), 'a')).toBeNull();
    expect(checkValue(field('choice', { choices: [{ key: 'a', label: { en: 'A', 'zh-CN': 'A' } }] }), 'b')).not.toBeNull();
    expect(checkValue(field('user'), 7)).toBeNull();
    expect(checkValue(field('user'), 1.5)).not.toBeNull();
    expect(checkValue(field('reference'), 'TASK-000001')).toBeNull();
    expect(checkValue(field('reference'), "TASK-1' or 1=1")).not.toBeNull();
  });
});
