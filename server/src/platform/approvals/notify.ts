import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuditContext } from '../audit/append.js';
import { notifyRecordOf } from '../notify/audience.js';
import { notify } from '../notify/notify.js';
import type { RecordTypeDefinition } from '../records/record-type.js';
import { eligibleVoters } from './eligibility.js';

export type ApprovalRecord = { id: number; number: string; type: string; title: string; def: RecordTypeDefinition };

/** Tells everyone who may now vote on open requests — approvers and whoever holds their delegation — that their approval is asked for. */
export async function notifyApprovers(
  trx: Transaction<Database>,
  ctx: AuditContext,
  record: ApprovalRecord,
  requestIds: readonly number[],
) {
  const now = Date.now();
  for (const requestId of requestIds) {
    const request = await trx
      .selectFrom('approval_requests')
      .select(['title', 'state'])
      .where('id', '=', requestId)
      .executeTakeFirstOrThrow();
    if (request.state !== 'pending') continue;
    const voters = [...(await eligibleVoters(trx, requestId))];
    const delegates =
      voters.length === 0
        ? []
        : await trx
            .selectFrom('approval_delegations')
            .select('delegate_id')
            .where('user_id', 'in', voters)
            .where((eb) => eb.or([eb('until', 'is', null), eb('until', '>', now)]))
            .execute();
    await notify(trx, ctx, {
      event: 'approval_requested',
      params: { approvalTitle: request.title },
      recipients: [...voters, ...delegates.map((d) => d.delegate_id)],
      record: notifyRecordOf(record.def, record),
      source: `approval:${requestId}`,
    });
  }
}
