import { isReopen } from '@keel/shared';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { type AuditContext, appendAudit } from '../audit/append.js';
import { AppError, notFound } from '../errors.js';
import { assertUpdated, checkVersion } from '../http/etag.js';
import { moveSlaClocks } from '../sla/clocks.js';
import { workflowOf } from '../workflow/store.js';
import { allowedTransitions } from '../workflow/validate.js';
import { runEffects } from './effects.js';
import { unmetGuards } from './guards.js';
import { appendJournal } from './journal.js';
import { notifyStateChange } from './notifications.js';
import type { RecordTypeDefinition } from './record-type.js';

const COLUMN_OF = { assigneeId: 'assignee_id', groupId: 'group_id', category: 'category', impact: 'impact', urgency: 'urgency' } as const;

/**
 * Takes one workflow action. An action that is not allowed from the current state (or not
 * for this caller) is 409 listing the allowed ones; a missing required field is 400 naming it.
 */
export async function transitionRecord(
  trx: Transaction<Database>,
  ctx: AuditContext,
  def: RecordTypeDefinition,
  actor: Actor,
  input: {
    number: string;
    action: string;
    expectedVersion: number | null;
    types: readonly RecordTypeDefinition[];
    /** The engine moving a record for a module (an approval decided): any transition from the state, whoever the actor is. */
    asSystem?: boolean;
  },
): Promise<void> {
  const record = await trx
    .selectFrom('records')
    .selectAll()
    .where('type', '=', def.key)
    .where('number', '=', input.number)
    .executeTakeFirst();
  if (!record) throw notFound(def.key);
  checkVersion(input.expectedVersion, record.version);
  const workflow = await workflowOf(trx, def);
  const allowed = input.asSystem
    ? workflow.transitions.filter((t) => t.from.includes(record.state))
    : allowedTransitions(workflow, record.state, actor.roles);
  const transition = allowed.find((t) => t.key === input.action);
  if (!transition) {
    throw new AppError('conflict', `"${input.action}" is not allowed from "${record.state}"`, { allowed: allowed.map((t) => t.key) });
  }
  const missing = transition.requires.filter((field) => record[COLUMN_OF[field]] === null);
  if (missing.length > 0) {
    throw new AppError('validation_failed', `"${input.action}" needs ${missing.join(', ')}`, {
      errors: missing.map((path) => ({ path, message: 'Required for this action' })),
    });
  }
  const unmet = await unmetGuards(trx, record.id, transition.guards);
  if (unmet.length > 0) {
    throw new AppError('transition_blocked', `"${input.action}" needs: ${unmet.join(', ')}`, {
      errors: unmet.map((path) => ({ path, message: 'Not met' })),
    });
  }
  const target = workflow.states.find((s) => s.key === transition.to);
  if (!target) throw new Error(`The ${def.key} workflow leads to an unknown state`);
  const now = Date.now();
  const entersResolved = target.category === 'resolved';
  const entersClosed = target.category === 'closed' || target.category === 'cancelled';
  const result = await trx
    .updateTable('records')
    .set((eb) => ({
      state: target.key,
      state_category: target.category,
      // Times mark the latest entry into a category; reopening clears them.
      resolved_at: entersResolved ? now : entersClosed ? record.resolved_at : null,
      closed_at: entersClosed ? now : null,
      updated_at: now,
      version: eb('version', '+', 1),
      ...(isReopen(record.state_category, target.category) ? { reopen_count: eb('reopen_count', '+', 1) } : {}),
    }))
    .where('id', '=', record.id)
    .where('version', '=', record.version)
    .executeTakeFirst();
  assertUpdated(result);
  await appendJournal(trx, {
    recordId: record.id,
    kind: 'transition',
    visibility: 'public',
    data: { from: record.state, to: target.key, action: transition.key },
    authorId: actor.userId,
  });
  await notifyStateChange(trx, ctx, def, record.id);
  await appendAudit(trx, ctx, {
    action: 'record.transitioned',
    objectType: def.key,
    objectId: record.id,
    objectLabel: record.number,
    changes: { state: [record.state, target.key], action: [null, transition.key] },
  });
  await moveSlaClocks(trx, ctx, input.types, { recordId: record.id, to: target.category, at: now });
  await runEffects({ trx, ctx, actor, parent: record, types: input.types }, transition.effects);
}
