import type { CreateSlaPolicy, SlaConditions, SlaPolicy, SlaTarget, StateCategory, UpdateSlaPolicy } from '@keel/shared';

export const PRIORITY_KEYS = ['1', '2', '3', '4', '5'] as const;

/** A target as the form edits it: minutes per priority in a row of five inputs (P1 … P5), empty for none. */
export type TargetValues = {
  key: string;
  label: { 'zh-CN': string; en: string };
  stopOn: StateCategory[];
  minutes: (number | null)[];
  defaultMinutes: number | null;
};

export type SlaPolicyValues = {
  name: string;
  recordType: string;
  position: number;
  active: boolean;
  calendarId: number | null;
  priorities: number[];
  categories: string[];
  groupIds: number[];
  organisationIds: number[];
  pauseOn: StateCategory[];
  /** Tags come in as text; read as whole percentages on save. */
  warnAt: (number | string)[];
  targets: TargetValues[];
};

/** A new target: resolution within a working day, sooner for higher priorities. */
export function newTarget(): TargetValues {
  return {
    key: 'resolution',
    label: { 'zh-CN': '解决', en: 'Resolution' },
    stopOn: ['resolved', 'closed', 'cancelled'],
    minutes: [240, 480, 960, 1920, null],
    defaultMinutes: 480,
  };
}

export function newPolicyValues(recordType: string, position: number): SlaPolicyValues {
  return {
    name: '',
    recordType,
    position,
    active: true,
    calendarId: null,
    priorities: [],
    categories: [],
    groupIds: [],
    organisationIds: [],
    pauseOn: ['pending'],
    warnAt: [75, 90],
    targets: [newTarget()],
  };
}

export function policyValuesOf(p: SlaPolicy): SlaPolicyValues {
  return {
    name: p.name,
    recordType: p.recordType,
    position: p.position,
    active: p.active,
    calendarId: p.calendarId,
    priorities: p.conditions.priorities ?? [],
    categories: p.conditions.categories ?? [],
    groupIds: p.conditions.groupIds ?? [],
    organisationIds: p.conditions.organisationIds ?? [],
    pauseOn: p.pauseOn,
    warnAt: p.warnAt,
    targets: p.targets.map(targetValuesOf),
  };
}

/** A stored target as the targets editor holds it (also used by agreements). */
export function targetValuesOf(t: SlaTarget): TargetValues {
  return {
    key: t.key,
    label: { ...t.label },
    stopOn: t.stopOn,
    minutes: PRIORITY_KEYS.map((k) => t.minutesByPriority[k] ?? null),
    defaultMinutes: t.defaultMinutes,
  };
}

export function targetOf(t: TargetValues): SlaTarget {
  const minutesByPriority: SlaTarget['minutesByPriority'] = {};
  PRIORITY_KEYS.forEach((k, i) => {
    const m = t.minutes[i];
    if (typeof m === 'number') minutesByPriority[k] = m;
  });
  return {
    key: t.key.trim(),
    label: { 'zh-CN': t.label['zh-CN'].trim(), en: t.label.en.trim() },
    stopOn: t.stopOn,
    minutesByPriority,
    defaultMinutes: t.defaultMinutes ?? null,
  };
}

/** Only the conditions given: an empty list would mean the same as none, and reads worse in the audit trail. */
function conditionsOf(v: SlaPolicyValues): SlaConditions {
  const categories = v.categories.map((c) => c.trim()).filter((c) => c !== '');
  return {
    ...(v.priorities.length > 0 ? { priorities: v.priorities } : {}),
    ...(categories.length > 0 ? { categories } : {}),
    ...(v.groupIds.length > 0 ? { groupIds: v.groupIds } : {}),
    ...(v.organisationIds.length > 0 ? { organisationIds: v.organisationIds } : {}),
  };
}

const percentages = (values: (number | string)[]) =>
  [...new Set(values.map((v) => Number(v)).filter((n) => Number.isInteger(n)))].sort((a, b) => a - b);

export function updatePolicyBody(v: SlaPolicyValues): UpdateSlaPolicy {
  return {
    name: v.name.trim(),
    conditions: conditionsOf(v),
    calendarId: v.calendarId ?? null,
    targets: v.targets.map(targetOf),
    pauseOn: v.pauseOn,
    warnAt: percentages(v.warnAt),
    position: v.position,
    active: v.active,
  };
}

export function createPolicyBody(v: SlaPolicyValues): CreateSlaPolicy {
  const body = updatePolicyBody(v);
  return {
    name: body.name ?? v.name,
    recordType: v.recordType,
    conditions: body.conditions ?? {},
    calendarId: body.calendarId ?? null,
    targets: body.targets ?? [],
    pauseOn: body.pauseOn ?? [],
    warnAt: body.warnAt ?? [],
    position: body.position ?? v.position,
    active: body.active ?? true,
  };
}

/** Whole-percentage warnings between 1 and 99, as the contract takes them. */
export function badPercentage(values: (number | string)[]): boolean {
  return values.some((v) => {
    const n = Number(v);
    return !Number.isInteger(n) || n < 1 || n > 99;
  });
}
