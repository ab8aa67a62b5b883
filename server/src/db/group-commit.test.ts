import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { type Generated, Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { GroupCommitSqliteDialect } from './group-commit.js';
import { withStatementCache } from './statement-cache.js';

type Tables = { items: { id: Generated<number>; name: string }; children: { id: Generated<number>; item_id: number } };

const open: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const close of open.splice(0).reverse()) await close();
});

/** A Keel-like connection on a fresh file, with every COMMIT the driver issues counted. */
function connection(file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'keel-group-commit-')), 'db.sqlite')) {
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  const counts = { commits: 0 };
  const exec = sqlite.exec.bind(sqlite);
  sqlite.exec = (text: string) => {
    if (text === 'commit') counts.commits++;
    return exec(text);
  };
  exec(`create table if not exists items (id integer primary key, name text not null unique);
        create table if not exists children (id integer primary key,
          item_id integer not null references items (id) deferrable initially deferred)`);
  const db = new Kysely<Tables>({ dialect: new GroupCommitSqliteDialect(sqlite, withStatementCache(sqlite), 2000) });
  open.push(() => db.destroy());
  /** What another process would see: a separate connection reading the committed file. */
  const committedNames = () => {
    const reader = new Database(file, { readonly: true });
    try {
      return (reader.prepare('select name from items order by name').all() as Array<{ name: string }>).map((r) => r.name);
    } finally {
      reader.close();
    }
  };
  return { db, file, counts, committedNames };
}

const insert = (db: Kysely<Tables>, name: string) =>
  db.transaction().execute(async (trx) => {
    await trx.insertInto('items').values({ name }).execute();
    return name;
  });

describe('group commit on SQLite', () => {
  it('commits the transactions of one turn of the event loop together, and each is on disk when it resolves', async () => {
    const { db, counts, committedNames } = connection();
    const names = Array.from({ length: 10 }, (_, i) => `item ${i}`);
    const settled = await Promise.all(names.map((name) => insert(db, name).then(() => committedNames().includes(name))));
    expect(settled).toEqual(names.map(() => true));
    expect(counts.commits).toBe(1);
    expect(committedNames()).toEqual(names);
  });

  it('rolls back only the failing transaction of a batch', async () => {
    const { db, committedNames } = connection();
    const results = await Promise.allSettled([insert(db, 'a'), insert(db, 'a'), insert(db, 'b')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(committedNames()).toEqual(['a', 'b']);
  });

  it('fails every transaction of a batch whose COMMIT fails, and keeps none of it', async () => {
    const { db, committedNames } = connection();
    // A deferred foreign key is only checked at COMMIT: the whole batch's COMMIT fails.
    const orphan = db.transaction().execute(async (trx) => {
      await trx.insertInto('children').values({ item_id: 999 }).execute();
    });
    const results = await Promise.allSettled([insert(db, 'kept?'), orphan, insert(db, 'also kept?')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(committedNames()).toEqual([]);
    // The connection is usable again afterwards.
    await insert(db, 'after');
    expect(committedNames()).toEqual(['after']);
  });

  it('makes a write outside a transaction durable before it returns', async () => {
    const { db, committedNames } = connection();
    await db.insertInto('items').values({ name: 'plain' }).execute();
    expect(committedNames()).toEqual(['plain']);
    const read = await db.selectFrom('items').select('name').execute();
    expect(read).toEqual([{ name: 'plain' }]);
  });

  it('lets a transaction wait for I/O without anyone committing its half-done work', async () => {
    const { db, committedNames } = connection();
    let midway: string[] = [];
    const slow = db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ name: 'slow' }).execute();
      await new Promise((resolve) => setTimeout(resolve, 20));
      midway = committedNames();
    });
    const quick = insert(db, 'quick');
    await Promise.all([slow, quick]);
    expect(midway).toEqual([]);
    expect(committedNames()).toEqual(['quick', 'slow']);
  });

  it('shares one file between two connections of one process without stalling either', async () => {
    const first = connection();
    const second = connection(first.file);
    const writes = Array.from({ length: 20 }, (_, i) => insert(i % 2 === 0 ? first.db : second.db, `w${String(i).padStart(2, '0')}`));
    await Promise.all(writes);
    expect(first.committedNames()).toHaveLength(20);
    const total = await sql<{ n: number }>`select count(*) as n from items`.execute(second.db);
    expect(total.rows[0]?.n).toBe(20);
  });
});
