import type { CreateSlaPolicy, SlaConditions, SlaTarget } from '@keel/shared';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuditContext } from '../../platform/audit/append.js';
import type { RecordTypeDefinition } from '../../platform/records/record-type.js';
import { createSlaPolicy, updateSlaPolicy } from '../sla-policies/commands.js';
import { loadTargets } from './targets.js';

type Trx = Transaction<Database>;

/** Agreement policies are tried before general ones (default position 100): an SLA before an OLA. */
export const AGREEMENT_POLICY_POSITION = { sla: 10, ola: 20 } as const;

/** Which records an agreement's clocks apply to: its service, and the SLA's customer or the OLA's group. */
export function agreementConditions(a: {
  kind: 'sla' | 'ola';
  service_id: number;
  organisation_id: number | null;
  group_id: number | null;
}) {
  const conditions: SlaConditions = { serviceIds: [a.service_id] };
  if (a.kind === 'sla' && a.organisation_id !== null) conditions.organisationIds = [a.organisation_id];
  if (a.kind === 'ola' && a.group_id !== null) conditions.groupIds = [a.group_id];
  return conditions;
}

/**
 * Keeps the SLA policy behind an agreement in step with it, in the agreement's transaction:
 * an active SLA or OLA has an active policy with its targets, conditions and hours (its own
 * calendar, or else the service's); anything else has none, or an inactive one. The policy's
 * writes are audited as SLA policy events. Running clocks keep the targets they started with.
 */
export async function syncAgreementPolicy(trx: Trx, ctx: AuditContext, types: readonly RecordTypeDefinition[], agreementId: number) {
  const a = await trx
    .selectFrom('agreements')
    .innerJoin('services', 'services.id', 'agreements.service_id')
    .selectAll('agreements')
    .select('services.calendar_id as service_calendar_id')
    .where('agreements.id', '=', agreementId)
    .executeTakeFirstOrThrow();
  const kind = a.kind;
  if (a.status !== 'active' || kind === 'uc') {
    if (a.sla_policy_id !== null) await updateSlaPolicy(trx, ctx, { id: a.sla_policy_id, expectedVersion: null, patch: { active: false } });
    return;
  }
  const targets: SlaTarget[] = await loadTargets(trx, agreementId);
  const policy: Omit<CreateSlaPolicy, 'recordType' | 'pauseOn' | 'warnAt'> = {
    name: `${kind.toUpperCase()} · ${a.name}`.slice(0, 200),
    conditions: agreementConditions({ ...a, kind }),
    calendarId: a.calendar_id ?? a.service_calendar_id,
    targets,
    position: AGREEMENT_POLICY_POSITION[kind],
    active: true,
  };
  if (a.sla_policy_id !== null) {
    await updateSlaPolicy(trx, ctx, { id: a.sla_policy_id, expectedVersion: null, patch: policy });
    return;
  }
  const policyId = await createSlaPolicy(trx, ctx, types, { ...policy, recordType: a.record_type, pauseOn: ['pending'], warnAt: [75, 90] });
  await trx.updateTable('agreements').set({ sla_policy_id: policyId }).where('id', '=', agreementId).execute();
}
