import type { BulkRowResult, BulkUpdateRequest } from '@keel/shared';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/connect.js';
import type { Actor } from '../access/actor.js';
import type { Visibility } from '../access/visibility.js';
import type { AuditContext } from '../audit/append.js';
import { AppError } from '../errors.js';
import { updateRecord } from './commands.js';
import { getRecord } from './queries.js';
import type { RecordTypeDefinition } from './record-type.js';
import { transitionRecord } from './transition.js';

type BulkContext = {
  db: Db;
  audit: AuditContext;
  def: RecordTypeDefinition;
  types: readonly RecordTypeDefinition[];
  actor: Actor;
  visibility: Visibility;
  log: FastifyBaseLogger;
};

/**
 * One row of a bulk update in its own transaction, through the same commands as a single
 * update (so it is validated, version-checked, journalled and audited the same way). A row
 * that fails is rolled back alone and reported; the others stand.
 */
async function bulkRow(c: BulkContext, request: BulkUpdateRequest, number: string): Promise<BulkRowResult> {
  const patch = request.patch ?? {};
  const patching = Object.keys(patch).length > 0;
  const expected = request.versions?.[number] ?? null;
  try {
    const version = await c.db.kysely.transaction().execute(async (trx) => {
      // Visibility first: a record the caller may not see is "not found", as for a single update.
      await getRecord(trx, c.def, c.visibility, number);
      if (patching) await updateRecord(trx, c.audit, c.def, c.actor, { number, expectedVersion: expected, patch });
      if (request.action) {
        // The version was checked by the patch in this transaction; the transition follows it.
        const expectedForAction = patching ? null : expected;
        await transitionRecord(trx, c.audit, c.def, c.actor, {
          number,
          action: request.action,
          expectedVersion: expectedForAction,
          types: c.types,
        });
      }
      return (await getRecord(trx, c.def, c.visibility, number)).version;
    });
    return { number, ok: true, version };
  } catch (error) {
    if (error instanceof AppError) {
      const { errors, allowed } = error.extras;
      return {
        number,
        ok: false,
        error: { code: error.code, detail: error.message, ...(errors ? { errors } : {}), ...(allowed ? { allowed } : {}) },
      };
    }
    c.log.error({ err: error, number }, 'bulk update row failed');
    return { number, ok: false, error: { code: 'internal' } };
  }
}

/** Rows in the order given, one after another (each commit is durable before the next starts). */
export async function bulkUpdate(c: BulkContext, request: BulkUpdateRequest): Promise<BulkRowResult[]> {
  const results: BulkRowResult[] = [];
  for (const number of request.numbers) results.push(await bulkRow(c, request, number));
  return results;
}
