import { describe, expect, it } from 'vitest';
import { diffFields } from './append.js';

describe('diffFields', () => {
  it('records only fields that changed, with before and after', () => {
    const before = { name: 'Ops', description: '', email: null as string | null };
    expect(diffFields(before, { name: 'Ops', description: '说明', email: undefined })).toEqual({ description: ['', '说明'] });
  });

  it('masks secret fields', () => {
    expect(diffFields({ password_hash: 'a' }, { password_hash: 'b' }, ['password_hash'])).toEqual({ password_hash: ['***', '***'] });
  });

  it('compares arrays and objects by value', () => {
    expect(diffFields({ roles: ['a', 'b'] }, { roles: ['a', 'b'] })).toEqual({});
    expect(diffFields({ roles: ['a'] }, { roles: ['a', 'b'] })).toEqual({ roles: [['a'], ['a', 'b']] });
  });
});
