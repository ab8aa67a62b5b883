import { createHash, randomUUID } from 'node:crypto';
import type fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.js';
import { SNIFF_BYTES } from './media-type.js';
import { sniffFile } from './sniff.js';

/** Where attachment contents live: <dataDir>/blobs, on SQLite and PostgreSQL alike. */
export type BlobStore = { root: string; maxBytes: number };

/** An upload written to a temp file and hashed, not yet part of the store. */
export type StagedBlob = { tmpPath: string; sha256: string; size: number; mediaType: string };

const SHA256_HEX = /^[0-9a-f]{64}$/;

export const isMissing = (error: unknown): boolean => error instanceof Error && 'code' in error && error.code === 'ENOENT';

export function blobStore(config: { dataDir: string; attachmentMaxBytes: number }): BlobStore {
  return { root: path.join(config.dataDir, 'blobs'), maxBytes: config.attachmentMaxBytes };
}

export const tmpDirOf = (store: BlobStore) => path.join(store.root, 'tmp');

/** Content-addressed layout: blobs/ab/cd/abcd…, two levels of 256 folders so none grows huge. */
export function blobPath(store: BlobStore, sha256: string): string {
  if (!SHA256_HEX.test(sha256)) throw new Error(`Not a SHA-256: ${sha256}`);
  return path.join(store.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

export const tooLarge = (store: BlobStore) =>
  new AppError('payload_too_large', `Attachments may be at most ${store.maxBytes} bytes`, {
    errors: [{ path: 'file', message: `At most ${store.maxBytes} bytes` }],
  });

/** Makes a rename or unlink in `dir` durable: the file's data is on disk, now its name is too. */
async function syncDir(dir: string): Promise<void> {
  const handle = await fsp.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Streams an upload into a temp file while hashing and counting it, and stops at the first
 * byte past the limit (413) without keeping anything. The file is fsynced before its type is
 * sniffed, so a blob that is later renamed into place is complete on disk.
 */
export async function stageUpload(store: BlobStore, source: AsyncIterable<Uint8Array>): Promise<StagedBlob> {
  const dir = tmpDirOf(store);
  await fsp.mkdir(dir, { recursive: true });
  const tmpPath = path.join(dir, `${randomUUID()}.part`);
  const hash = createHash('sha256');
  const head: Buffer[] = [];
  let headBytes = 0;
  let size = 0;
  const handle = await fsp.open(tmpPath, 'wx', 0o600);
  try {
    try {
      for await (const chunk of source) {
        size += chunk.byteLength;
        if (size > store.maxBytes) throw tooLarge(store);
        hash.update(chunk);
        if (headBytes < SNIFF_BYTES) {
          head.push(Buffer.from(chunk.subarray(0, SNIFF_BYTES - headBytes)));
          headBytes += Math.min(chunk.byteLength, SNIFF_BYTES - headBytes);
        }
        await handle.write(chunk);
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    const mediaType = await sniffFile(tmpPath, Buffer.concat(head));
    return { tmpPath, sha256: hash.digest('hex'), size, mediaType };
  } catch (error) {
    await fsp.rm(tmpPath, { force: true });
    throw error;
  }
}

/**
 * Moves a staged upload to its content address. Renaming over an existing blob is harmless
 * (same bytes) and also restores one that housekeeping removed a moment ago, so callers do
 * it inside the transaction that references the blob.
 */
export async function placeBlob(store: BlobStore, staged: StagedBlob): Promise<void> {
  const target = blobPath(store, staged.sha256);
  await fsp.mkdir(path.dirname(target), { recursive: true });
  await fsp.rename(staged.tmpPath, target);
  await syncDir(path.dirname(target));
}

/** Drops a staged upload that was refused or replayed (nothing if it was already placed). */
export async function discardStaged(staged: StagedBlob): Promise<void> {
  await fsp.rm(staged.tmpPath, { force: true });
}

/** A stream of a blob's bytes; fails with ENOENT when the file is missing. */
export async function openBlob(store: BlobStore, sha256: string): Promise<fs.ReadStream> {
  const handle = await fsp.open(blobPath(store, sha256), 'r');
  return handle.createReadStream();
}

export async function removeBlobFile(store: BlobStore, sha256: string): Promise<void> {
  await fsp.rm(blobPath(store, sha256), { force: true });
}

/** Temp files left by uploads that died with their process; live uploads are far younger than `before`. */
export async function sweepTempFiles(store: BlobStore, before: number): Promise<number> {
  let removed = 0;
  let names: string[];
  try {
    names = await fsp.readdir(tmpDirOf(store));
  } catch (error) {
    if (isMissing(error)) return 0;
    throw error;
  }
  for (const name of names) {
    const file = path.join(tmpDirOf(store), name);
    const stat = await fsp.stat(file).catch(() => null);
    if (stat?.isFile() && stat.mtimeMs < before) {
      await fsp.rm(file, { force: true });
      removed++;
    }
  }
  return removed;
}
