import type { StateCategory } from '@keel/shared';
import { describe, expect, it } from 'vitest';
import type { ImportEvent } from './events.js';
import { type ReplayWorkflow, replayCase } from './replay.js';

const CATEGORY: Record<string, StateCategory> = {
  new: 'new',
  in_progress: 'active',
  awaiting_customer: 'pending',
  resolved: 'resolved',
  closed: 'closed',
};
const workflow: ReplayWorkflow = {
  initial: 'new',
  categoryOf: (state) => CATEGORY[state] ?? 'new',
  actionFor: (from, to) => (from === 'in_progress' && to === 'resolved' ? 'resolve' : null),
};

const T0 = Date.UTC(2016, 1, 29, 1, 16);
const minutes = (n: number) => T0 + n * 60_000;

function event(order: number, patch: Partial<ImportEvent>): ImportEvent {
  return {
    line: order + 2,
    caseId: 'INC0000045',
    order,
    at: minutes(order * 10),
    author: `Updated by ${order}`,
    createdBy: 'Opened by  8',
    title: 'Category 55 / Subcategory 170 / Symptom 72',
    state: 'new',
    impact: 2,
    urgency: 2,
    priority: 3,
    category: 'Category 55',
    group: 'Group 56',
    assignee: null,
    requester: 'Caller 2403',
    openedAt: minutes(-7),
    resolvedAt: null,
    closedAt: null,
    links: [],
    slaMet: true,
    keep: {},
    ...patch,
  };
}

describe('replaying one case', () => {
  it('creates the record as of its first event, at its opening time, by its creator', () => {
    const replay = replayCase([event(0, {})], null, workflow);
    expect(replay?.create).toEqual({
      openedAt: minutes(-7),
      createdBy: 'Opened by  8',
      title: 'Category 55 / Subcategory 170 / Symptom 72',
    });
    expect(replay?.entries).toEqual([]);
    expect(replay?.final).toMatchObject({ state: 'new', stateCategory: 'new', group: 'Group 56', priority: 3, lastOrder: 0 });
  });

  it('writes each state and field change at its own time and author, in order value order, counting reassignments and reopens', () => {
    const events = [
      event(4, {
        state: 'closed',
        priority: 2,
        assignee: 'Resolver 1',
        group: 'Group 70',
        closedAt: minutes(99),
        resolvedAt: minutes(33),
        slaMet: false,
      }),
      event(0, {}),
      event(2, { state: 'resolved', priority: 2, assignee: 'Resolver 1', group: 'Group 70' }),
      event(1, { state: 'in_progress', assignee: 'Resolver 1', group: 'Group 70', priority: 2 }),
      event(3, { state: 'in_progress', priority: 2, assignee: 'Resolver 1', group: 'Group 70' }),
      event(5, {
        state: null,
        priority: 2,
        assignee: 'Resolver 1',
        group: 'Group 70',
        closedAt: minutes(99),
        resolvedAt: minutes(33),
        slaMet: false,
      }),
    ];
    const replay = replayCase(events, null, workflow);
    expect(replay?.entries).toEqual([
      {
        kind: 'field_change',
        at: minutes(10),
        author: 'Updated by 1',
        changes: { group: ['Group 56', 'Group 70'], assignee: [null, 'Resolver 1'], priority: [3, 2] },
      },
      { kind: 'transition', at: minutes(10), author: 'Updated by 1', from: 'new', to: 'in_progress', action: 'import' },
      { kind: 'transition', at: minutes(20), author: 'Updated by 2', from: 'in_progress', to: 'resolved', action: 'resolve' },
      { kind: 'transition', at: minutes(30), author: 'Updated by 3', from: 'resolved', to: 'in_progress', action: 'import' },
      { kind: 'transition', at: minutes(40), author: 'Updated by 4', from: 'in_progress', to: 'closed', action: 'import' },
    ]);
    // A row without a state (UCI's -100) leaves the state as it was.
    expect(replay?.final).toMatchObject({
      state: 'closed',
      stateCategory: 'closed',
      reassignments: 1,
      reopens: 1,
      lastOrder: 5,
      updatedAt: minutes(50),
      // The source's own times win when it states them.
      resolvedAt: minutes(33),
      closedAt: minutes(99),
      slaMet: false,
    });
  });

  it('takes resolution and closure times from the history when the source leaves them empty', () => {
    const replay = replayCase([event(0, {}), event(1, { state: 'resolved' }), event(2, { state: 'closed' })], null, workflow);
    expect(replay?.final).toMatchObject({ resolvedAt: minutes(10), closedAt: minutes(20) });
  });

  it('counts every change of group after creation as a reassignment, and none for the group it was opened with', () => {
    const replay = replayCase([event(0, { group: null }), event(1, { group: 'Group 1' }), event(2, { group: 'Group 2' })], null, workflow);
    expect(replay?.final.reassignments).toBe(2);
    expect(replayCase([event(0, {}), event(1, { state: 'in_progress' })], null, workflow)?.final.reassignments).toBe(0);
  });

  it('skips events already applied, so a second run changes nothing and a longer log continues the record', () => {
    const events = [event(0, {}), event(1, { state: 'in_progress' })];
    const first = replayCase(events, null, workflow);
    expect(first).not.toBeNull();
    const after = first ? { ...first.final } : null;
    expect(replayCase(events, after, workflow)).toBeNull();
    const more = replayCase([...events, event(2, { state: 'resolved' })], after, workflow);
    expect(more?.create).toBeNull();
    expect(more?.applied).toBe(1);
    expect(more?.entries).toEqual([
      { kind: 'transition', at: minutes(20), author: 'Updated by 2', from: 'in_progress', to: 'resolved', action: 'resolve' },
    ]);
  });

  it('keeps every distinct link of the case once', () => {
    const replay = replayCase(
      [
        event(0, { links: [{ kind: 'problem', number: 'PRB1' }] }),
        event(1, {
          links: [
            { kind: 'problem', number: 'PRB1' },
            { kind: 'change', number: 'CHG9' },
          ],
        }),
      ],
      null,
      workflow,
    );
    expect(replay?.links).toEqual([
      { kind: 'problem', number: 'PRB1' },
      { kind: 'change', number: 'CHG9' },
    ]);
  });
});

describe('replaying rows that share an order value', () => {
  it('applies them by time, then by their place in the file', () => {
    const events = [
      event(0, {}),
      event(2, { at: minutes(300), state: 'in_progress', group: 'Group 73', line: 10 }),
      event(2, { at: minutes(100), group: 'Group 72', line: 11 }),
      event(1, { at: minutes(200), group: 'Group 73' }),
    ];
    const replay = replayCase(events, null, workflow);
    expect(replay?.entries.map((e) => e.at)).toEqual([minutes(200), minutes(100), minutes(300), minutes(300)]);
    expect(replay?.final).toMatchObject({ state: 'in_progress', group: 'Group 73', lastOrder: 2 });
  });
});
