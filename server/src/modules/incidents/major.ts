import {
  type AddCommunication,
  catalogues,
  type DeclareMajorIncident,
  fill,
  MAJOR_INCIDENT_ROLES,
  type RecordIncidentReview,
} from '@keel/shared';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../platform/access/actor.js';
import { type AuditContext, appendAudit } from '../../platform/audit/append.js';
import { AppError, forbidden, invalid } from '../../platform/errors.js';
import { assertUpdated, checkVersion } from '../../platform/http/etag.js';
import { FINISHED } from '../../platform/records/children.js';
import { addComment } from '../../platform/records/commands.js';
import { appendJournal } from '../../platform/records/journal.js';
import { loadIncident } from './load.js';
import { INCIDENT_TYPE } from './type.js';

type Trx = Transaction<Database>;

const MINUTE = 60_000;

async function loadMajor(trx: Trx, number: string) {
  const record = await loadIncident(trx, number);
  if (record.major !== 1) throw new AppError('conflict', 'This incident is not a major incident');
  return record;
}

/**
 * Declares a major incident: sets `major`, its manager and the customer-update schedule (the
 * first update is due one interval from now). Only the roles above may; a finished or
 * already-major incident is 409.
 */
export async function declareMajorIncident(
  trx: Trx,
  ctx: AuditContext,
  actor: Actor,
  input: { number: string; expectedVersion: number | null; body: DeclareMajorIncident; now?: number },
): Promise<void> {
  if (!actor.roles.some((r) => MAJOR_INCIDENT_ROLES.includes(r)))
    throw forbidden('Only a service manager or an administrator declares a major incident');
  const record = await loadIncident(trx, input.number);
  checkVersion(input.expectedVersion, record.version);
  if ((FINISHED as readonly string[]).includes(record.state_category))
    throw new AppError('conflict', 'A finished incident cannot become major');
  if (record.major === 1) throw new AppError('conflict', 'This incident is already a major incident');
  const manager = await trx
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', '=', input.body.managerId)
    .where('kind', '=', 'staff')
    .where('active', '=', 1)
    .executeTakeFirst();
  if (!manager) throw invalid('managerId', 'The manager must be an active staff user');
  const now = input.now ?? Date.now();
  const result = await trx
    .updateTable('records')
    .set((eb) => ({ updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', record.id)
    .where('version', '=', record.version)
    .executeTakeFirst();
  assertUpdated(result);
  await trx
    .updateTable('incident_ext')
    .set({
      major: 1,
      major_manager_id: manager.id,
      major_declared_at: now,
      update_interval_minutes: input.body.updateIntervalMinutes,
      next_update_due: now + input.body.updateIntervalMinutes * MINUTE,
      update_reminded_at: null,
    })
    .where('record_id', '=', record.id)
    .execute();
  await appendJournal(trx, {
    recordId: record.id,
    kind: 'work_note',
    visibility: 'internal',
    body: fill(catalogues[actor.locale].incidentProcess.journal.declared, { manager: manager.display_name, reason: input.body.reason }),
    data: { major: true, managerId: manager.id },
    authorId: actor.userId,
  });
  await appendAudit(trx, ctx, {
    action: 'incident.major_declared',
    objectType: INCIDENT_TYPE.key,
    objectId: record.id,
    objectLabel: record.number,
    changes: {
      major: [false, true],
      majorManagerId: [null, manager.id],
      updateIntervalMinutes: [null, input.body.updateIntervalMinutes],
      reason: [null, input.body.reason],
    },
  });
}

/**
 * Adds to the major incident's communication log. A customer update is also a public comment
 * on the major incident and on each open child incident, so every affected requester reads it
 * in their own incident and is notified; it resets the update schedule. Internal updates stay
 * in the log.
 */
export async function addCommunication(
  trx: Trx,
  ctx: AuditContext,
  actor: Actor,
  input: { number: string; body: AddCommunication; now?: number },
): Promise<number> {
  const record = await loadMajor(trx, input.number);
  // "Service restored" is news worth telling after resolution; not after closing.
  if (record.state_category === 'closed' || record.state_category === 'cancelled')
    throw new AppError('conflict', 'The incident is finished');
  const now = input.now ?? Date.now();
  const row = await trx
    .insertInto('incident_communications')
    .values({ record_id: record.id, audience: input.body.audience, body: input.body.body, author_id: actor.userId, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (input.body.audience === 'customers') {
    await addComment(trx, ctx, INCIDENT_TYPE, actor, { number: record.number, body: input.body.body, internal: false });
    const children = await trx
      .selectFrom('records')
      .select('number')
      .where('parent_id', '=', record.id)
      .where('type', '=', INCIDENT_TYPE.key)
      .where('state_category', 'not in', ['closed', 'cancelled'])
      .orderBy('id')
      .execute();
    for (const child of children) {
      await addComment(trx, ctx, INCIDENT_TYPE, actor, { number: child.number, body: input.body.body, internal: false });
    }
    const interval = record.update_interval_minutes ?? 60;
    await trx
      .updateTable('incident_ext')
      .set({ next_update_due: now + interval * MINUTE, update_reminded_at: null })
      .where('record_id', '=', record.id)
      .execute();
  }
  await appendAudit(trx, ctx, {
    action: 'incident.communicated',
    objectType: INCIDENT_TYPE.key,
    objectId: record.id,
    objectLabel: record.number,
    changes: { communication: [null, row.id], audience: [null, input.body.audience] },
  });
  return row.id;
}

/**
 * Records (or replaces) the post-incident review a major incident needs before it closes.
 * `raiseProblem` is stored as a request: problem management (issue 6) raises the problem
 * from it and fills `problem_record_id`.
 */
export async function recordIncidentReview(
  trx: Trx,
  ctx: AuditContext,
  actor: Actor,
  input: { number: string; body: RecordIncidentReview },
): Promise<void> {
  const record = await loadMajor(trx, input.number);
  const before = await trx.selectFrom('incident_reviews').selectAll().where('record_id', '=', record.id).executeTakeFirst();
  const values = {
    summary: input.body.summary,
    root_cause: input.body.rootCause,
    actions: input.body.actions,
    raise_problem: input.body.raiseProblem ? 1 : 0,
    author_id: actor.userId,
    created_at: Date.now(),
  };
  if (before) await trx.updateTable('incident_reviews').set(values).where('record_id', '=', record.id).execute();
  else
    await trx
      .insertInto('incident_reviews')
      .values({ record_id: record.id, problem_record_id: null, ...values })
      .execute();
  await appendAudit(trx, ctx, {
    action: 'incident.reviewed',
    objectType: INCIDENT_TYPE.key,
    objectId: record.id,
    objectLabel: record.number,
    changes: {
      summary: [before?.summary ?? null, values.summary],
      rootCause: [before?.root_cause ?? null, values.root_cause],
      actions: [before?.actions ?? null, values.actions],
      raiseProblem: [before ? before.raise_problem === 1 : null, input.body.raiseProblem],
    },
  });
}
