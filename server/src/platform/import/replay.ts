import type { StateCategory } from '@keel/shared';
import type { ImportEvent } from './events.js';

/** Fields whose changes become `field_change` timeline entries, by the names the records table uses. */
export const TRACKED_FIELDS = ['group', 'assignee', 'priority', 'impact', 'urgency', 'category'] as const;
export type TrackedField = (typeof TRACKED_FIELDS)[number];

/** A record's state as far as the import has carried it (names, not ids: the writer resolves them). */
export type CaseState = {
  state: string;
  group: string | null;
  assignee: string | null;
  priority: number | null;
  impact: number | null;
  urgency: number | null;
  category: string | null;
  resolvedAt: number | null;
  closedAt: number | null;
  reassignments: number;
  reopens: number;
  lastOrder: number;
  updatedAt: number;
};

export type ReplayEntry =
  | { kind: 'transition'; at: number; author: string | null; from: string; to: string; action: string }
  | { kind: 'field_change'; at: number; author: string | null; changes: Partial<Record<TrackedField, [unknown, unknown]>> };

export type CaseReplay = {
  /** Set when the record does not exist yet. */
  create: { openedAt: number; createdBy: string | null; title: string } | null;
  entries: ReplayEntry[];
  final: CaseState & { stateCategory: StateCategory; requester: string | null; slaMet: boolean | null };
  links: { kind: string; number: string }[];
  keep: Record<string, string | null>;
  applied: number;
};

/** The workflow as replay sees it: each state's category, and the action that leads from one state to another. */
export type ReplayWorkflow = {
  initial: string;
  categoryOf: (state: string) => StateCategory;
  actionFor: (from: string, to: string) => string | null;
};

/** The action recorded for a move the workflow has no transition for (the source's process allowed it). */
export const IMPORTED_ACTION = 'import';

const OPEN = new Set<StateCategory>(['new', 'active', 'pending']);
const ENDED = new Set<StateCategory>(['closed', 'cancelled']);

/**
 * Replays one case's events (any order in, applied by their order value) onto the record's
 * state: the record as of its first event, then one timeline entry per change, each at its
 * event's time and by its author. Events at or below the record's last applied order are
 * skipped, so a second run of the same log changes nothing. Returns null when nothing is new.
 */
export function replayCase(events: readonly ImportEvent[], start: CaseState | null, workflow: ReplayWorkflow): CaseReplay | null {
  // Real logs repeat an order value now and then (UCI: 5 rows): those rows go by time, then by line.
  const sorted = [...events].sort((a, b) => a.order - b.order || a.at - b.at || a.line - b.line);
  const fresh = start ? sorted.filter((e) => e.order > start.lastOrder) : sorted;
  const first = fresh[0];
  const last = fresh[fresh.length - 1];
  if (!first || !last) return null;

  let create: CaseReplay['create'] = null;
  let current: CaseState;
  let rest: ImportEvent[];
  if (start) {
    current = { ...start };
    rest = fresh;
  } else {
    const state = first.state ?? workflow.initial;
    const category = workflow.categoryOf(state);
    create = { openedAt: first.openedAt ?? first.at, createdBy: first.createdBy ?? first.author, title: first.title };
    current = {
      state,
      group: first.group,
      assignee: first.assignee,
      priority: first.priority,
      impact: first.impact,
      urgency: first.urgency,
      category: first.category,
      resolvedAt: category === 'resolved' || ENDED.has(category) ? first.at : null,
      closedAt: ENDED.has(category) ? first.at : null,
      reassignments: 0,
      reopens: 0,
      lastOrder: first.order,
      updatedAt: first.at,
    };
    rest = fresh.slice(1);
  }

  const entries: ReplayEntry[] = [];
  for (const event of rest) {
    const changes: Partial<Record<TrackedField, [unknown, unknown]>> = {};
    for (const field of TRACKED_FIELDS) {
      if (event[field] !== current[field]) changes[field] = [current[field], event[field]];
    }
    // Every change of group after creation is a reassignment, as ServiceNow counts them (UCI: 24,824 of 24,918 agree).
    if (changes.group) current.reassignments++;
    if (Object.keys(changes).length > 0) {
      entries.push({ kind: 'field_change', at: event.at, author: event.author, changes });
      Object.assign(current, Object.fromEntries(Object.entries(changes).map(([field, pair]) => [field, pair[1]])));
    }
    if (event.state !== null && event.state !== current.state) {
      const from = workflow.categoryOf(current.state);
      const to = workflow.categoryOf(event.state);
      if (from === 'resolved' && OPEN.has(to)) current.reopens++;
      // Times mark the latest entry into a category; going back to work clears them, as a live transition does.
      if (to === 'resolved') current.resolvedAt = event.at;
      else if (ENDED.has(to)) current.closedAt = event.at;
      else {
        current.resolvedAt = null;
        current.closedAt = null;
      }
      entries.push({
        kind: 'transition',
        at: event.at,
        author: event.author,
        from: current.state,
        to: event.state,
        action: workflow.actionFor(current.state, event.state) ?? IMPORTED_ACTION,
      });
      current.state = event.state;
    }
    current.lastOrder = event.order;
    current.updatedAt = Math.max(current.updatedAt, event.at);
  }

  const stateCategory = workflow.categoryOf(current.state);
  // The source's own resolution and closure times win over the replayed ones when it states them.
  if ((stateCategory === 'resolved' || ENDED.has(stateCategory)) && last.resolvedAt !== null) current.resolvedAt = last.resolvedAt;
  if (ENDED.has(stateCategory) && last.closedAt !== null) current.closedAt = last.closedAt;
  current.lastOrder = last.order;
  current.updatedAt = Math.max(current.updatedAt, last.at);

  const links = new Map<string, { kind: string; number: string }>();
  for (const event of fresh) for (const link of event.links) links.set(`${link.kind}\u0000${link.number}`, link);
  const slaMet = [...fresh].reverse().find((e) => e.slaMet !== null)?.slaMet ?? null;
  return {
    create,
    entries,
    final: { ...current, stateCategory, requester: last.requester, slaMet },
    links: [...links.values()],
    keep: last.keep,
    applied: fresh.length,
  };
}
