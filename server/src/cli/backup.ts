import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import type { Config } from '../config.js';
import { sqliteFileOf } from './open-db.js';

export const PG_BACKUP_HELP = `Keel is using PostgreSQL. Back it up with PostgreSQL's own tools, which take a consistent snapshot while Keel runs:
  pg_dump --format=custom --file=keel.dump "$KEEL_DATABASE_URL"
and restore into an empty database (with Keel stopped) with:
  pg_restore --clean --if-exists --no-owner --dbname="$KEEL_DATABASE_URL" keel.dump
Attachment contents are files under $KEEL_DATA_DIR/blobs, not in the database: copy that folder after pg_dump,
  rsync -a --exclude tmp "$KEEL_DATA_DIR/blobs/" keel.dump.blobs/
and copy it back (rsync -a keel.dump.blobs/ "$KEEL_DATA_DIR/blobs/") when you restore.`;

/** Copies the live SQLite database with the online backup API: consistent even while Keel serves. */
export async function backupSqlite(config: Config, target: string): Promise<string> {
  const source = sqliteFileOf(config);
  if (!fs.existsSync(source)) throw new Error(`No database at ${source}`);
  const destination = path.resolve(target);
  if (fs.existsSync(destination)) throw new Error(`${destination} exists; choose a new file name`);
  fs.mkdirSync(path.dirname(destination), { recursive: true });
  const db = new SqliteDatabase(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(destination);
  } finally {
    db.close();
  }
  return destination;
}

/**
 * Replaces the SQLite database with a backup (Keel must be stopped). The backup is checked
 * first: it must be a sound SQLite file holding a Keel schema.
 */
export async function restoreSqlite(config: Config, from: string, force: boolean): Promise<string> {
  const source = path.resolve(from);
  if (!fs.existsSync(source)) throw new Error(`No backup at ${source}`);
  const backup = new SqliteDatabase(source, { readonly: true, fileMustExist: true });
  try {
    const check = backup.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`The backup fails SQLite's integrity check: ${String(check)}`);
    const keel = backup.prepare("select count(*) as n from sqlite_master where type = 'table' and name in ('audit_head', 'users')").get();
    if (!keel || typeof keel !== 'object' || !('n' in keel) || keel.n !== 2) throw new Error('The file is not a Keel database');
    const target = sqliteFileOf(config);
    if (fs.existsSync(target) && !force) throw new Error(`${target} exists; stop Keel and pass --force to replace it`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${target}${suffix}`, { force: true });
    await backup.backup(target);
    return target;
  } finally {
    backup.close();
  }
}
