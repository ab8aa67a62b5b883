import { describe, expect, it } from 'vitest';
import { durabilityProblems } from './durability.js';

describe('durability settings', () => {
  it('accepts SQLite in WAL mode with synchronous FULL or EXTRA', () => {
    expect(durabilityProblems('sqlite', { journalMode: 'wal', synchronous: 2 })).toEqual([]);
    expect(durabilityProblems('sqlite', { journalMode: 'wal', synchronous: 3 })).toEqual([]);
  });

  it('refuses SQLite without WAL or with NORMAL/OFF sync', () => {
    expect(durabilityProblems('sqlite', { journalMode: 'delete', synchronous: 2 })).toHaveLength(1);
    expect(durabilityProblems('sqlite', { journalMode: 'wal', synchronous: 1 })).toHaveLength(1);
  });

  it('refuses PostgreSQL with fsync or synchronous_commit off', () => {
    expect(durabilityProblems('postgres', { fsync: 'on', synchronousCommit: 'on' })).toEqual([]);
    expect(durabilityProblems('postgres', { fsync: 'off', synchronousCommit: 'on' })[0]).toMatch(/fsync/);
    expect(durabilityProblems('postgres', { fsync: 'on', synchronousCommit: 'off' })[0]).toMatch(/synchronous_commit/);
  });
});
