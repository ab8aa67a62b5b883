/** Workflow state categories every record type maps its states onto. */
export const STATE_CATEGORIES = ['new', 'active', 'pending', 'resolved', 'closed', 'cancelled'] as const;
export type StateCategory = (typeof STATE_CATEGORIES)[number];

const FINISHED: readonly StateCategory[] = ['resolved', 'closed'];
const OPEN: readonly StateCategory[] = ['new', 'active', 'pending'];

/** A record taken back into work after it was resolved or closed: counted as a reopen (P-6.1). */
export function isReopen(from: StateCategory, to: StateCategory): boolean {
  return FINISHED.includes(from) && OPEN.includes(to);
}
