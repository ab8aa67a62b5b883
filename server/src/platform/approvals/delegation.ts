import type { ApprovalDelegation, SetDelegation } from '@keel/shared';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { isoOrNull } from '../../db/time.js';
import type { Actor } from '../access/actor.js';
import { type AuditContext, appendAudit } from '../audit/append.js';
import { invalid } from '../errors.js';

export async function getDelegation(db: Kysely<Database>, userId: number): Promise<ApprovalDelegation> {
  const row = await db
    .selectFrom('approval_delegations as d')
    .innerJoin('users as u', 'u.id', 'd.delegate_id')
    .select(['d.delegate_id', 'u.display_name', 'd.until'])
    .where('d.user_id', '=', userId)
    .where((eb) => eb.or([eb('d.until', 'is', null), eb('d.until', '>', Date.now())]))
    .executeTakeFirst();
  return { delegateId: row?.delegate_id ?? null, delegateName: row?.display_name ?? null, until: isoOrNull(row?.until ?? null) };
}

/** One delegate at a time, an active staff member other than oneself; delegations are not passed on again. */
export async function setDelegation(trx: Transaction<Database>, ctx: AuditContext, actor: Actor, input: SetDelegation) {
  const before = await getDelegation(trx, actor.userId);
  await trx.deleteFrom('approval_delegations').where('user_id', '=', actor.userId).execute();
  if (input.delegateId !== null) {
    if (input.delegateId === actor.userId) throw invalid('delegateId', 'You cannot delegate to yourself');
    const delegate = await trx
      .selectFrom('users')
      .select('id')
      .where('id', '=', input.delegateId)
      .where('active', '=', 1)
      .where('kind', '=', 'staff')
      .executeTakeFirst();
    if (!delegate) throw invalid('delegateId', 'The delegate must be an active staff user');
    const until = input.until === null ? null : Date.parse(input.until);
    if (until !== null && until <= Date.now()) throw invalid('until', 'Must be in the future');
    await trx
      .insertInto('approval_delegations')
      .values({ user_id: actor.userId, delegate_id: input.delegateId, until, created_at: Date.now() })
      .execute();
  }
  await appendAudit(trx, ctx, {
    action: 'approval.delegated',
    objectType: 'user',
    objectId: actor.userId,
    objectLabel: actor.username,
    changes: { delegate: [before.delegateId, input.delegateId], until: [before.until, input.until] },
  });
}
