import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuditContext } from '../audit/append.js';
import { notifyRecordOf } from '../notify/audience.js';
import { excerptOf, parseMentions } from '../notify/mentions.js';
import { notify } from '../notify/notify.js';
import { workflowOf } from '../workflow/store.js';
import type { RecordTypeDefinition } from './record-type.js';

/**
 * The records engine's notification hooks, one per kind of change, each called from its
 * command inside the command's transaction (before the audit append, which wants to be last).
 * Who may hear of a record — active, allowed to read the type, able to see this row, staff
 * for internal notes — is decided by `notify` itself, never here.
 */
type Trx = Transaction<Database>;

async function loadRecord(trx: Trx, def: RecordTypeDefinition, recordId: number) {
  const row = await trx
    .selectFrom('records')
    .select(['id', 'number', 'title', 'state', 'requester_id', 'assignee_id', 'group_id', 'version'])
    .where('id', '=', recordId)
    .executeTakeFirstOrThrow();
  const record = notifyRecordOf(def, row);
  return { row, record };
}

/** A comment or work note: the people it @mentions, and for a public comment the requester. */
export async function notifyComment(
  trx: Trx,
  ctx: AuditContext,
  def: RecordTypeDefinition,
  input: { recordId: number; entryId: number; body: string; internal: boolean },
): Promise<void> {
  const { row, record } = await loadRecord(trx, def, input.recordId);
  const source = `journal:${input.entryId}`;
  const excerpt = excerptOf(input.body);
  const names = parseMentions(input.body);
  const mentioned =
    names.length === 0 ? [] : (await trx.selectFrom('users').select('id').where('username_key', 'in', names).execute()).map((u) => u.id);
  await notify(trx, ctx, {
    event: 'mentioned',
    recipients: mentioned,
    record,
    source,
    staffOnly: input.internal,
    params: { excerpt, internal: input.internal },
  });
  // A requester who is mentioned hears of it once, as a mention.
  if (input.internal || row.requester_id === null || mentioned.includes(row.requester_id)) return;
  await notify(trx, ctx, { event: 'commented', recipients: [row.requester_id], record, source, params: { excerpt } });
}

/** A new assignee and a new group's members, after a create (`before` null) or an update. */
export async function notifyAssignment(
  trx: Trx,
  ctx: AuditContext,
  def: RecordTypeDefinition,
  recordId: number,
  before: { assignee_id: number | null; group_id: number | null } | null,
): Promise<void> {
  const { row, record } = await loadRecord(trx, def, recordId);
  const source = `v${row.version}`;
  if (row.assignee_id !== null && row.assignee_id !== (before?.assignee_id ?? null)) {
    await notify(trx, ctx, { event: 'assigned', recipients: [row.assignee_id], record, source, params: {} });
  }
  if (row.group_id === null || row.group_id === (before?.group_id ?? null)) return;
  const group = await trx.selectFrom('groups').select('name').where('id', '=', row.group_id).executeTakeFirstOrThrow();
  const members = await trx.selectFrom('group_members').select('user_id').where('group_id', '=', row.group_id).execute();
  await notify(trx, ctx, {
    event: 'group_assigned',
    // The assignee already knows: the record is theirs.
    recipients: members.map((m) => m.user_id).filter((id) => id !== row.assignee_id),
    record,
    source,
    params: { groupName: group.name },
  });
}

/** The requester, when their record moves to another state. */
export async function notifyStateChange(trx: Trx, ctx: AuditContext, def: RecordTypeDefinition, recordId: number): Promise<void> {
  const { row, record } = await loadRecord(trx, def, recordId);
  const state = (await workflowOf(trx, def)).states.find((s) => s.key === row.state);
  if (row.requester_id === null || !state) return;
  await notify(trx, ctx, {
    event: 'state_changed',
    recipients: [row.requester_id],
    record,
    source: `v${row.version}`,
    params: { state: state.key, label: state.label },
  });
}
