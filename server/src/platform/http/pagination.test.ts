import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { decodeCursor, encodeCursor, parseSort } from './pagination.js';

describe('cursors', () => {
  it('round-trip the sort value and id, including Chinese and null', () => {
    for (const value of ['张三', 'zhang.san', 1_764_000_000_000, null]) {
      expect(decodeCursor(encodeCursor(value, 42))).toEqual([value, 42]);
    }
  });

  it('reject anything they did not make', () => {
    for (const bad of ['', 'not-a-cursor', Buffer.from('{"a":1}').toString('base64url'), Buffer.from('[1,"x"]').toString('base64url')]) {
      expect(() => decodeCursor(bad)).toThrow(AppError);
    }
  });
});

describe('sort parsing', () => {
  const columns = { name: 'groups.name_key', createdAt: 'groups.created_at' };

  it('maps allowed fields and direction to columns', () => {
    expect(parseSort('-createdAt', columns, 'name')).toEqual({ column: 'groups.created_at', descending: true });
    expect(parseSort(undefined, columns, 'name')).toEqual({ column: 'groups.name_key', descending: false });
  });

  it('falls back to the default for anything else, never passing it through', () => {
    expect(parseSort('password_hash', columns, 'name').column).toBe('groups.name_key');
    expect(parseSort('constructor', columns, 'name').column).toBe('groups.name_key');
  });
});
