import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import type { Config } from '../config.js';
import { type BlobStore, blobPath, blobStore, tmpDirOf } from '../platform/attachments/blob-store.js';

/** Attachment contents travel in a folder beside the database backup: keel-backup.db → keel-backup.db.blobs. */
export const blobsFolderOf = (backupFile: string): string => `${path.resolve(backupFile)}.blobs`;

export type BlobCopy = { folder: string; files: number; missing: string[] };

/** The blobs a SQLite database file refers to (none for a database from before attachments). */
function blobsNamedIn(databaseFile: string): string[] {
  const db = new SqliteDatabase(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare("select 1 from sqlite_master where type = 'table' and name = 'blobs'").get();
    if (!table) return [];
    return db
      .prepare('select sha256 from blobs order by sha256')
      .pluck()
      .all()
      .filter((sha): sha is string => typeof sha === 'string');
  } finally {
    db.close();
  }
}

/** Copies `from` into `to`, leaving files already there alone: a blob's name is its content. */
async function copyStore(from: BlobStore, to: string): Promise<void> {
  if (!fs.existsSync(from.root)) return;
  await fsp.cp(from.root, to, {
    recursive: true,
    force: false,
    preserveTimestamps: true,
    filter: (source) => source !== tmpDirOf(from),
  });
}

/** The blobs of `names` missing from `root`, after one more copy attempt from `source` when given. */
async function stillMissing(names: string[], root: string, source?: BlobStore): Promise<string[]> {
  const target: BlobStore = { root, maxBytes: 0 };
  const missing: string[] = [];
  for (const sha of names) {
    if (fs.existsSync(blobPath(target, sha))) continue;
    const from = source ? blobPath(source, sha) : null;
    if (from && fs.existsSync(from)) {
      await fsp.mkdir(path.dirname(blobPath(target, sha)), { recursive: true });
      await fsp.copyFile(from, blobPath(target, sha));
      continue;
    }
    missing.push(sha);
  }
  return missing;
}

/**
 * Copies the attachment contents after the database backup was taken, then checks that every
 * blob the backed-up database names is in the copy (a blob named there is on disk before its
 * row commits, so only one removed in between can be missing, and that is reported).
 */
export async function backupBlobs(config: Config, backupFile: string): Promise<BlobCopy> {
  const folder = blobsFolderOf(backupFile);
  if (fs.existsSync(folder)) throw new Error(`${folder} exists; choose a new file name`);
  await fsp.mkdir(folder, { recursive: true });
  const store = blobStore(config);
  await copyStore(store, folder);
  const names = blobsNamedIn(backupFile);
  const missing = await stillMissing(names, folder, store);
  return { folder, files: names.length - missing.length, missing };
}

/** Puts a backup's attachment contents back under the data directory, then checks them against the restored database. */
export async function restoreBlobs(config: Config, backupFile: string, restoredFile: string): Promise<BlobCopy> {
  const folder = blobsFolderOf(backupFile);
  const store = blobStore(config);
  if (fs.existsSync(folder)) await copyStore({ root: folder, maxBytes: 0 }, store.root);
  const names = blobsNamedIn(restoredFile);
  const missing = await stillMissing(names, store.root);
  return { folder, files: names.length - missing.length, missing };
}
