import { type PriorityMatrix, priorityMatrixSchema } from '@keel/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuditContext } from '../audit/append.js';
import { DEFAULT_PRIORITY_MATRIX, priorityOf } from './priority.js';

export const PRIORITY_MATRIX_KEY = 'priority_matrix';

/** The stored matrix row; the migration seeds it, so it is only missing in a broken database. */
export async function readPriorityMatrix(db: Kysely<Database>) {
  const row = await db.selectFrom('settings').selectAll().where('key', '=', PRIORITY_MATRIX_KEY).executeTakeFirst();
  const parsed = priorityMatrixSchema.safeParse(row ? JSON.parse(row.value) : null);
  return {
    matrix: parsed.success ? parsed.data : DEFAULT_PRIORITY_MATRIX.map((r) => [...r]),
    version: row?.version ?? 1,
    updatedAt: row?.updated_at ?? null,
  };
}

// One read per request: a bulk update of 500 rows asks once. Keyed by the request's audit
// context, so the cache dies with the request and never serves another one a stale matrix.
const perRequest = new WeakMap<AuditContext, Promise<PriorityMatrix>>();

/** The priority a record gets from its impact and urgency under the matrix in force. */
export async function priorityFor(
  db: Kysely<Database>,
  ctx: AuditContext,
  impact: number | null,
  urgency: number | null,
): Promise<number | null> {
  if (impact === null || urgency === null) return null;
  let matrix = perRequest.get(ctx);
  if (!matrix) {
    matrix = readPriorityMatrix(db).then((m) => m.matrix);
    perRequest.set(ctx, matrix);
  }
  return priorityOf(impact, urgency, await matrix);
}

/** Forgets the request's matrix after it changed it (the PUT reads its own write back). */
export function forgetPriorityMatrix(ctx: AuditContext): void {
  perRequest.delete(ctx);
}
