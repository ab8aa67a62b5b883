/** Workflow state categories every record type maps its states onto. */
export const STATE_CATEGORIES = ['new', 'active', 'pending', 'resolved', 'closed', 'cancelled'] as const;
export type StateCategory = (typeof STATE_CATEGORIES)[number];
