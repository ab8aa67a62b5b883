/** The agent's queues (P-6.1 workspace): each is a list query on the record type chosen. */
export const QUEUES = ['mine', 'groups', 'unassigned', 'atRisk', 'recent'] as const;
export type Queue = (typeof QUEUES)[number];

const OPEN = 'new,active,pending';
/** "At risk" looks this far ahead; a breached clock (due in the past) is at risk too. */
export const AT_RISK_WINDOW_MS = 2 * 60 * 60 * 1000;

/** The list parameters of a queue at a moment: most urgent first, except "recently updated". */
export function queueParams(queue: Queue, now: number): Record<string, string> {
  switch (queue) {
    case 'mine':
      return { assigneeId: 'me', stateCategory: OPEN, sort: 'slaDueAt' };
    case 'groups':
      return { groupId: 'mine', stateCategory: OPEN, sort: 'slaDueAt' };
    case 'unassigned':
      return { 'assigneeId.empty': 'true', stateCategory: OPEN, sort: 'slaDueAt' };
    case 'atRisk':
      return { 'slaDueAt.lte': new Date(now + AT_RISK_WINDOW_MS).toISOString(), stateCategory: 'new,active', sort: 'slaDueAt' };
    case 'recent':
      return { sort: '-updatedAt' };
  }
}

export function isQueue(value: string | null): value is Queue {
  return value !== null && (QUEUES as readonly string[]).includes(value);
}
