import { sql } from 'kysely';
import type { Db } from './connect.js';

export type DurabilitySettings = { journalMode?: string; synchronous?: number; fsync?: string; synchronousCommit?: string };

/**
 * The settings under which an acknowledged write survives a crash or power loss; Keel
 * refuses to start without them rather than lose data quietly. Returns the problems found.
 */
export function durabilityProblems(dialect: Db['dialect'], s: DurabilitySettings): string[] {
  const problems: string[] = [];
  if (dialect === 'sqlite') {
    if (s.journalMode !== 'wal') problems.push(`SQLite journal_mode is "${s.journalMode}", expected "wal"`);
    // 2 = FULL, 3 = EXTRA: the commit is synced to disk before it is acknowledged.
    if (s.synchronous === undefined || s.synchronous < 2)
      problems.push(`SQLite synchronous is ${s.synchronous}, expected FULL (2) or EXTRA (3)`);
  } else {
    if (s.fsync !== 'on') problems.push(`PostgreSQL fsync is "${s.fsync}": with fsync off a crash can corrupt the database`);
    if (s.synchronousCommit === 'off') problems.push('PostgreSQL synchronous_commit is off: a crash can lose acknowledged writes');
  }
  return problems;
}

export async function readDurabilitySettings(db: Db): Promise<DurabilitySettings> {
  if (db.sqlite) {
    return {
      journalMode: String(db.sqlite.pragma('journal_mode', { simple: true })),
      synchronous: Number(db.sqlite.pragma('synchronous', { simple: true })),
    };
  }
  const fsync = await sql<{ fsync: string }>`show fsync`.execute(db.kysely);
  const commit = await sql<{ synchronous_commit: string }>`show synchronous_commit`.execute(db.kysely);
  return { fsync: fsync.rows[0]?.fsync, synchronousCommit: commit.rows[0]?.synchronous_commit };
}

export async function assertDurable(db: Db): Promise<void> {
  const problems = durabilityProblems(db.dialect, await readDurabilitySettings(db));
  if (problems.length > 0) throw new Error(`Keel will not start on a database that can lose acknowledged writes: ${problems.join('; ')}`);
}
