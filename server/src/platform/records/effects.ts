import { catalogues, fill, type StateCategory, WORKFLOW_EFFECTS, type Workflow, type WorkflowEffect } from '@keel/shared';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { type AuditContext, appendAudit } from '../audit/append.js';
import { moveSlaClocks } from '../sla/clocks.js';
import { workflowOf } from '../workflow/store.js';
import { FINISHED } from './children.js';
import { createRecord } from './commands.js';
import { appendJournal } from './journal.js';
import type { RecordTypeDefinition } from './record-type.js';

type Trx = Transaction<Database>;
type Parent = { id: number; number: string; title: string; group_id: number | null };
type EffectContext = { trx: Trx; ctx: AuditContext; actor: Actor; parent: Parent; types: readonly RecordTypeDefinition[] };

/** Moves every open child into the first state of a category in the child's own workflow, with a note. */
async function settleChildren(
  e: EffectContext,
  category: StateCategory,
  fallback: StateCategory,
  note: 'resolvedWithParent' | 'cancelledWithParent',
) {
  const children = await e.trx
    .selectFrom('records')
    .select(['id', 'type', 'number', 'state'])
    .where('parent_id', '=', e.parent.id)
    .where('state_category', 'not in', [...FINISHED])
    .execute();
  const now = Date.now();
  // Children are mostly of one or two types: each type's workflow is read once.
  const workflows = new Map<string, Promise<Workflow>>();
  for (const child of children) {
    const def = e.types.find((t) => t.key === child.type);
    if (!def) continue;
    if (!workflows.has(def.key)) workflows.set(def.key, workflowOf(e.trx, def));
    const workflow = await workflows.get(def.key);
    if (!workflow) continue;
    const target = workflow.states.find((s) => s.category === category) ?? workflow.states.find((s) => s.category === fallback);
    if (!target) continue;
    const closes = target.category === 'closed' || target.category === 'cancelled';
    await e.trx
      .updateTable('records')
      .set((eb) => ({
        state: target.key,
        state_category: target.category,
        resolved_at: target.category === 'resolved' ? now : undefined,
        closed_at: closes ? now : undefined,
        updated_at: now,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', child.id)
      .execute();
    await moveSlaClocks(e.trx, e.ctx, e.types, { recordId: child.id, to: target.category, at: now });
    const body = fill(catalogues[e.actor.locale].engine.generated[note], { number: e.parent.number });
    await appendJournal(e.trx, {
      recordId: child.id,
      kind: 'transition',
      visibility: 'public',
      body,
      data: { from: child.state, to: target.key, action: null, parent: e.parent.number },
      authorId: e.actor.userId,
    });
    await appendAudit(e.trx, e.ctx, {
      action: 'record.transitioned',
      objectType: child.type,
      objectId: child.id,
      objectLabel: child.number,
      changes: { state: [child.state, target.key], parent: [null, e.parent.number] },
    });
  }
}

const EFFECTS: Record<WorkflowEffect, (e: EffectContext) => Promise<void>> = {
  open_review_task: async (e) => {
    const task = e.types.find((t) => t.key === 'task');
    if (!task) return;
    const title = fill(catalogues[e.actor.locale].engine.generated.reviewTask, { number: e.parent.number, title: e.parent.title });
    await createRecord(e.trx, e.ctx, task, e.actor, { title: title.slice(0, 200), parent: e.parent.number, groupId: e.parent.group_id });
  },
  resolve_children: (e) => settleChildren(e, 'resolved', 'closed', 'resolvedWithParent'),
  cancel_children: (e) => settleChildren(e, 'cancelled', 'closed', 'cancelledWithParent'),
};

/** Runs a transition's effects in its transaction: they happen with the state change or not at all. */
export async function runEffects(e: EffectContext, effects: readonly WorkflowEffect[]): Promise<void> {
  for (const effect of WORKFLOW_EFFECTS) if (effects.includes(effect)) await EFFECTS[effect](e);
}
