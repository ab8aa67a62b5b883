import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../../db/connect.js';
import { isForeignKeyViolation } from '../../db/errors.js';
import type { Database } from '../../db/schema.js';
import { type BlobStore, removeBlobFile, sweepTempFiles } from './blob-store.js';

/** Blobs and temp files younger than this are left alone: an upload may be about to use them. */
export const ORPHAN_GRACE_MS = 3_600_000;
const BATCH = 500;

/**
 * Deletes contents no attachment points at any more (after a removal) once they are older
 * than the grace period, and temp files of uploads that died. Each blob goes in its own
 * transaction, its file unlinked while the row is still locked: an upload of the same bytes
 * waits for that lock and then puts the file back, and one that got the lock first makes the
 * delete fail on the foreign key, so a referenced blob is never lost.
 */
export async function collectOrphanBlobs(db: Db, store: BlobStore): Promise<{ blobs: number; tempFiles: number }> {
  const cutoff = Date.now() - ORPHAN_GRACE_MS;
  const unreferenced = (eb: ExpressionBuilder<Database, 'blobs'>) =>
    eb.not(
      eb.exists(
        eb.selectFrom('record_attachments').select('record_attachments.id').whereRef('record_attachments.blob_sha256', '=', 'blobs.sha256'),
      ),
    );
  const candidates = await db.kysely
    .selectFrom('blobs')
    .select('sha256')
    .where('created_at', '<', cutoff)
    .where(unreferenced)
    .limit(BATCH)
    .execute();
  let blobs = 0;
  for (const { sha256 } of candidates) {
    try {
      const removed = await db.kysely.transaction().execute(async (trx) => {
        const deleted = await trx.deleteFrom('blobs').where('sha256', '=', sha256).where(unreferenced).executeTakeFirst();
        if (deleted.numDeletedRows === 0n) return false;
        await removeBlobFile(store, sha256);
        return true;
      });
      if (removed) blobs++;
    } catch (error) {
      // An upload attached these bytes again between our check and our delete: keep them.
      if (!isForeignKeyViolation(error)) throw error;
    }
  }
  return { blobs, tempFiles: await sweepTempFiles(store, cutoff) };
}
