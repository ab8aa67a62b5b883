import { catalogues, type EscalateIncident, fill } from '@keel/shared';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../platform/access/actor.js';
import { type AuditContext, appendAudit } from '../../platform/audit/append.js';
import { AppError, invalid } from '../../platform/errors.js';
import { assertUpdated, checkVersion } from '../../platform/http/etag.js';
import { notifyRecordOf } from '../../platform/notify/audience.js';
import { excerptOf } from '../../platform/notify/mentions.js';
import { notify } from '../../platform/notify/notify.js';
import { updateRecord } from '../../platform/records/commands.js';
import { appendJournal } from '../../platform/records/journal.js';
import { loadIncident } from './load.js';
import { INCIDENT_TYPE } from './type.js';

type Trx = Transaction<Database>;

/** Who hears of a hierarchical escalation: the group's lead and the service's owner, or the service managers when there is no owner. */
async function escalationRecipients(trx: Trx, record: { group_id: number | null; service_id: number | null }) {
  const lead = record.group_id
    ? await trx.selectFrom('groups').select('lead_id').where('id', '=', record.group_id).executeTakeFirst()
    : undefined;
  const owner = record.service_id
    ? await trx.selectFrom('services').select('owner_id').where('id', '=', record.service_id).executeTakeFirst()
    : undefined;
  const recipients = [lead?.lead_id, owner?.owner_id].filter((id): id is number => typeof id === 'number');
  if (owner?.owner_id) return recipients;
  const managers = await trx
    .selectFrom('user_roles')
    .innerJoin('roles', 'roles.id', 'user_roles.role_id')
    .innerJoin('users', 'users.id', 'user_roles.user_id')
    .select('users.id')
    .where('roles.key', '=', 'service_manager')
    .where('users.active', '=', 1)
    .limit(200)
    .execute();
  return [...recipients, ...managers.map((m) => m.id)];
}

/**
 * Functional escalation hands the incident to another group (a reassignment: counted, the
 * new group notified, the person cleared since they belong to the old group); hierarchical
 * escalation raises the level and alerts the group lead and service management. Both put the
 * reason in the timeline (internal) and are audited. A finished incident cannot be escalated.
 */
export async function escalateIncident(
  trx: Trx,
  ctx: AuditContext,
  actor: Actor,
  input: { number: string; expectedVersion: number | null; body: EscalateIncident },
): Promise<void> {
  const record = await loadIncident(trx, input.number);
  if (record.state_category === 'closed' || record.state_category === 'cancelled')
    throw new AppError('conflict', 'A closed or cancelled incident cannot be escalated');
  const words = catalogues[actor.locale].incidentProcess.journal;
  const { body } = input;
  if (body.kind === 'functional') {
    if (body.groupId === record.group_id) throw invalid('groupId', 'The incident is already with this group');
    await updateRecord(trx, ctx, INCIDENT_TYPE, actor, {
      number: input.number,
      expectedVersion: input.expectedVersion,
      patch: { groupId: body.groupId, assigneeId: null },
    });
    const group = await trx.selectFrom('groups').select('name').where('id', '=', body.groupId).executeTakeFirstOrThrow();
    await appendJournal(trx, {
      recordId: record.id,
      kind: 'work_note',
      visibility: 'internal',
      body: fill(words.functional, { group: group.name, reason: body.reason }),
      data: { escalation: 'functional', groupId: body.groupId },
      authorId: actor.userId,
    });
    await appendAudit(trx, ctx, {
      action: 'record.escalated',
      objectType: INCIDENT_TYPE.key,
      objectId: record.id,
      objectLabel: record.number,
      changes: { kind: [null, 'functional'], groupId: [record.group_id, body.groupId], reason: [null, body.reason] },
    });
    return;
  }
  checkVersion(input.expectedVersion, record.version);
  const level = (record.escalation_level ?? 0) + 1;
  const result = await trx
    .updateTable('records')
    .set((eb) => ({ updated_at: Date.now(), version: eb('version', '+', 1) }))
    .where('id', '=', record.id)
    .where('version', '=', record.version)
    .executeTakeFirst();
  assertUpdated(result);
  await trx.updateTable('incident_ext').set({ escalation_level: level }).where('record_id', '=', record.id).execute();
  await appendJournal(trx, {
    recordId: record.id,
    kind: 'work_note',
    visibility: 'internal',
    body: fill(words.hierarchical, { level: String(level), reason: body.reason }),
    data: { escalation: 'hierarchical', level },
    authorId: actor.userId,
  });
  await notify(trx, ctx, {
    event: 'escalated',
    recipients: await escalationRecipients(trx, record),
    record: notifyRecordOf(INCIDENT_TYPE, record),
    source: `escalation:${level}`,
    staffOnly: true,
    params: { reason: excerptOf(body.reason), level },
  });
  await appendAudit(trx, ctx, {
    action: 'record.escalated',
    objectType: INCIDENT_TYPE.key,
    objectId: record.id,
    objectLabel: record.number,
    changes: { kind: [null, 'hierarchical'], escalationLevel: [level - 1, level], reason: [null, body.reason] },
  });
}
