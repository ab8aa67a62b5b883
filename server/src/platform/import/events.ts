import type { ImportProblem } from '@keel/shared';

/** One row of the log, read through the mapping: what the case looked like after this event. */
export type ImportEvent = {
  line: number;
  caseId: string;
  order: number;
  at: number;
  author: string | null;
  createdBy: string | null;
  title: string;
  /** A workflow state key; null = this row carries no state (the previous one stands). */
  state: string | null;
  impact: number | null;
  urgency: number | null;
  priority: number | null;
  category: string | null;
  group: string | null;
  assignee: string | null;
  requester: string | null;
  openedAt: number | null;
  resolvedAt: number | null;
  closedAt: number | null;
  links: { kind: string; number: string }[];
  slaMet: boolean | null;
  keep: Record<string, string | null>;
};

export type RowResult = { event: ImportEvent; problems?: undefined } | { event?: undefined; problems: ImportProblem[] };
