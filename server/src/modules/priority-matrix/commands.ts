import type { PutPriorityMatrix } from '@keel/shared';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { type AuditContext, appendAudit } from '../../platform/audit/append.js';
import { assertUpdated, checkVersion } from '../../platform/http/etag.js';
import { forgetPriorityMatrix, PRIORITY_MATRIX_KEY, readPriorityMatrix } from '../../platform/records/priority-matrix.js';

/**
 * Replaces the impact × urgency → priority matrix. Records keep the priority they were given:
 * the new matrix applies to creates and to impact/urgency changes from now on.
 */
export async function savePriorityMatrix(
  trx: Transaction<Database>,
  ctx: AuditContext,
  input: { expectedVersion: number | null; body: PutPriorityMatrix },
): Promise<void> {
  const before = await readPriorityMatrix(trx);
  checkVersion(input.expectedVersion, before.version);
  if (JSON.stringify(before.matrix) === JSON.stringify(input.body.matrix)) return;
  const result = await trx
    .updateTable('settings')
    .set((eb) => ({ value: JSON.stringify(input.body.matrix), updated_at: Date.now(), version: eb('version', '+', 1) }))
    .where('key', '=', PRIORITY_MATRIX_KEY)
    .where('version', '=', before.version)
    .executeTakeFirst();
  assertUpdated(result);
  forgetPriorityMatrix(ctx);
  await appendAudit(trx, ctx, {
    action: 'priority_matrix.updated',
    objectType: 'setting',
    objectId: PRIORITY_MATRIX_KEY,
    objectLabel: PRIORITY_MATRIX_KEY,
    changes: { matrix: [before.matrix, input.body.matrix] },
  });
}
