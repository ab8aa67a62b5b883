import type { AuditVerifyResult } from '@keel/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AUDIT_GENESIS_HASH, checkLink } from './chain.js';

const BATCH = 2000;

/** Walks the whole chain in id order, in batches, and names the first event that fails. */
export async function verifyAuditChain(db: Kysely<Database>): Promise<AuditVerifyResult & { headHash: string }> {
  const head = await db.selectFrom('audit_head').select(['last_id', 'last_hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  let previous = { id: 0, hash: AUDIT_GENESIS_HASH };
  let checked = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_events').selectAll().where('id', '>', previous.id).orderBy('id').limit(BATCH).execute();
    for (const row of rows) {
      const result = checkLink(previous, row);
      if (!result.ok) {
        return { ok: false, checked, firstBadId: previous.id + 1, reason: result.reason, headHash: head.last_hash };
      }
      previous = { id: row.id, hash: row.hash };
      checked++;
    }
    if (rows.length < BATCH) break;
  }
  if (previous.id !== head.last_id || previous.hash !== head.last_hash) {
    return {
      ok: false,
      checked,
      firstBadId: previous.id + 1,
      reason: `the chain ends at event ${previous.id} but the head records event ${head.last_id}`,
      headHash: head.last_hash,
    };
  }
  return { ok: true, checked, firstBadId: null, reason: null, headHash: head.last_hash };
}
