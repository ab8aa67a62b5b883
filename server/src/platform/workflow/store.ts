import { type Workflow, type WorkflowDocument, workflowSchema } from '@keel/shared';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { type AuditContext, appendAudit } from '../audit/append.js';
import { AppError } from '../errors.js';
import { assertUpdated, checkVersion } from '../http/etag.js';
import type { RecordTypeDefinition } from '../records/record-type.js';
import { workflowProblems } from './validate.js';

/** The workflow in force for a type: the administrator's saved version, or the type's shipped default. */
export async function workflowDocument(db: Kysely<Database>, def: RecordTypeDefinition): Promise<WorkflowDocument> {
  const row = await db.selectFrom('workflows').selectAll().where('record_type', '=', def.key).executeTakeFirst();
  if (!row) return { recordType: def.key, workflow: def.workflow, isDefault: true, version: 0 };
  return { recordType: def.key, workflow: workflowSchema.parse(JSON.parse(row.definition)), isDefault: false, version: row.version };
}

export async function workflowOf(db: Kysely<Database>, def: RecordTypeDefinition): Promise<Workflow> {
  return (await workflowDocument(db, def)).workflow;
}

/** Records sitting in a state the new workflow drops would be stranded: refuse, naming the states. */
async function assertStatesKept(trx: Transaction<Database>, def: RecordTypeDefinition, workflow: Workflow) {
  const kept = new Set(workflow.states.map((s) => s.key));
  const used = await trx.selectFrom('records').select('state').distinct().where('type', '=', def.key).execute();
  const stranded = used.map((r) => r.state).filter((s) => !kept.has(s));
  if (stranded.length > 0) {
    throw new AppError('conflict', `Records are still in ${stranded.map((s) => `"${s}"`).join(', ')}`, {
      errors: stranded.map((state) => ({ path: 'states', message: state })),
    });
  }
}

/** A state moved to another category carries its records along, so lists and SLA clocks stay right. */
async function moveCategories(trx: Transaction<Database>, def: RecordTypeDefinition, before: Workflow, after: Workflow) {
  for (const state of after.states) {
    const old = before.states.find((s) => s.key === state.key);
    if (!old || old.category === state.category) continue;
    await trx
      .updateTable('records')
      .set({ state_category: state.category })
      .where('type', '=', def.key)
      .where('state', '=', state.key)
      .execute();
  }
}

/**
 * Saves an administrator's workflow after the same checks the shipped ones pass (reachable
 * states, no dead ends, a way to close) and refuses one that would strand records.
 */
export async function saveWorkflow(
  trx: Transaction<Database>,
  ctx: AuditContext,
  def: RecordTypeDefinition,
  input: { workflow: Workflow; expectedVersion: number | null },
) {
  const problems = workflowProblems(input.workflow);
  if (problems.length > 0) {
    throw new AppError('validation_failed', 'The workflow is not valid.', {
      errors: problems.map((message) => ({ path: 'workflow', message })),
    });
  }
  const before = await workflowDocument(trx, def);
  checkVersion(input.expectedVersion, before.version);
  await assertStatesKept(trx, def, input.workflow);
  await moveCategories(trx, def, before.workflow, input.workflow);
  const definition = JSON.stringify(input.workflow);
  const now = Date.now();
  if (before.isDefault) {
    await trx
      .insertInto('workflows')
      .values({ record_type: def.key, definition, updated_by: ctx.actorId, updated_at: now, version: 1 })
      .execute();
  } else {
    const result = await trx
      .updateTable('workflows')
      .set((eb) => ({ definition, updated_by: ctx.actorId, updated_at: now, version: eb('version', '+', 1) }))
      .where('record_type', '=', def.key)
      .where('version', '=', before.version)
      .executeTakeFirst();
    assertUpdated(result);
  }
  await appendAudit(trx, ctx, {
    action: 'workflow.updated',
    objectType: 'workflow',
    objectId: null,
    objectLabel: def.key,
    changes: { workflow: [before.workflow, input.workflow] },
  });
}

/** Back to the shipped workflow, under the same "no stranded records" rule. */
export async function resetWorkflow(
  trx: Transaction<Database>,
  ctx: AuditContext,
  def: RecordTypeDefinition,
  expectedVersion: number | null,
) {
  const before = await workflowDocument(trx, def);
  if (before.isDefault) return;
  checkVersion(expectedVersion, before.version);
  await assertStatesKept(trx, def, def.workflow);
  await moveCategories(trx, def, before.workflow, def.workflow);
  await trx.deleteFrom('workflows').where('record_type', '=', def.key).execute();
  await appendAudit(trx, ctx, {
    action: 'workflow.reset',
    objectType: 'workflow',
    objectId: null,
    objectLabel: def.key,
    changes: { workflow: [before.workflow, def.workflow] },
  });
}
