import { type SlaConditions, type SlaPolicy, type SlaTarget, slaConditionsSchema, slaPolicySchema } from '@keel/shared';
import type { Kysely, Selectable } from 'kysely';
import type { Database, SlaPolicyTable } from '../../db/schema.js';
import { bool } from '../../db/time.js';

export function presentSlaPolicy(row: Selectable<SlaPolicyTable>): SlaPolicy {
  return slaPolicySchema.parse({
    id: row.id,
    name: row.name,
    recordType: row.record_type,
    conditions: JSON.parse(row.conditions),
    calendarId: row.calendar_id,
    targets: JSON.parse(row.targets),
    pauseOn: JSON.parse(row.pause_on),
    warnAt: JSON.parse(row.warn_at),
    position: row.position,
    active: bool(row.active),
    version: row.version,
  });
}

export type SlaSubject = {
  type: string;
  priority: number | null;
  category: string | null;
  group_id: number | null;
  organisation_id: number | null;
  service_id: number | null;
};

/** Whether a record falls under a policy's conditions; a condition left out matches anything. */
export function matches(conditions: SlaConditions, record: SlaSubject): boolean {
  const c = slaConditionsSchema.parse(conditions);
  const within = <T>(list: T[] | undefined, value: T | null) => !list?.length || (value !== null && list.includes(value));
  return (
    within(c.priorities, record.priority) &&
    within(c.categories, record.category) &&
    within(c.groupIds, record.group_id) &&
    within(c.organisationIds, record.organisation_id) &&
    within(c.serviceIds, record.service_id)
  );
}

/** The first active policy, in order, whose conditions the record meets. */
export async function matchPolicy(db: Kysely<Database>, record: SlaSubject): Promise<SlaPolicy | null> {
  const rows = await db
    .selectFrom('sla_policies')
    .selectAll()
    .where('record_type', '=', record.type)
    .where('active', '=', 1)
    .orderBy('position')
    .orderBy('id')
    .execute();
  for (const row of rows) {
    const policy = presentSlaPolicy(row);
    if (matches(policy.conditions, record)) return policy;
  }
  return null;
}

/** A target's minutes for a priority, or null when the target does not apply to it. */
export function targetMinutes(target: SlaTarget, priority: number | null): number | null {
  const byPriority = Object.entries(target.minutesByPriority).find(([key]) => Number(key) === priority)?.[1];
  return byPriority ?? target.defaultMinutes ?? null;
}
