import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from './statement-cache.js';

describe('withStatementCache', () => {
  const sqlite = new Database(':memory:');
  sqlite.exec('create table t (n integer); insert into t values (1), (2), (3)');

  it('hands out the compiled statement again for the same SQL', () => {
    const db = withStatementCache(sqlite);
    expect(db.prepare('select n from t')).toBe(db.prepare('select n from t'));
  });

  it('prepares a fresh statement while the cached one is being iterated', () => {
    const db = withStatementCache(sqlite);
    const first = db.prepare('select n from t order by n');
    const rows = first.iterate([]);
    rows.next();
    const second = db.prepare('select n from t order by n');
    expect(second).not.toBe(first);
    expect(second.all([])).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    rows.return?.();
  });

  it('keeps only the most recently used statements', () => {
    const db = withStatementCache(sqlite, 2);
    const one = db.prepare('select 1');
    const two = db.prepare('select 2');
    db.prepare('select 1');
    db.prepare('select 3');
    // "select 2" was the least recently used: it was let go, "select 1" was kept.
    expect(db.prepare('select 1')).toBe(one);
    expect(db.prepare('select 2')).not.toBe(two);
  });
});
