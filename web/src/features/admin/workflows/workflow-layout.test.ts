import { defineWorkflow } from '@keel/shared';
import { describe, expect, it } from 'vitest';
import { BOX, layoutWorkflow } from './workflow-layout';

const label = (en: string) => ({ 'zh-CN': en, en });
const task = defineWorkflow({
  initial: 'new',
  states: [
    { key: 'new', category: 'new', label: label('New') },
    { key: 'in_progress', category: 'active', label: label('In progress') },
    { key: 'on_hold', category: 'pending', label: label('On hold') },
    { key: 'done', category: 'closed', label: label('Done') },
    { key: 'cancelled', category: 'cancelled', label: label('Cancelled') },
  ],
  transitions: [
    { key: 'start', from: ['new', 'on_hold'], to: 'in_progress', label: label('Start') },
    { key: 'resume', from: ['on_hold'], to: 'in_progress', label: label('Resume') },
    { key: 'hold', from: ['in_progress'], to: 'on_hold', label: label('Hold') },
    { key: 'complete', from: ['in_progress'], to: 'done', label: label('Complete') },
    { key: 'reopen', from: ['done'], to: 'in_progress', label: label('Reopen') },
    { key: 'cancel', from: ['new', 'in_progress', 'on_hold'], to: 'cancelled', label: label('Cancel') },
  ],
});

describe('layoutWorkflow', () => {
  const layout = layoutWorkflow(task);
  const state = (key: string) => layout.states.find((s) => s.key === key);
  const edge = (from: string, to: string) => layout.edges.find((e) => e.from === from && e.to === to);

  it('puts one box per state in columns by category order, the initial one marked', () => {
    expect(layout.states.map((s) => s.key)).toEqual(['new', 'in_progress', 'on_hold', 'done', 'cancelled']);
    const xs = layout.states.map((s) => s.x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    expect(state('new')?.initial).toBe(true);
    expect(layout.states.filter((s) => s.initial)).toHaveLength(1);
  });

  it('draws one arrow per pair of states, naming every action between them', () => {
    expect(layout.edges).toHaveLength(8);
    expect(edge('on_hold', 'in_progress')?.actions).toEqual(['start', 'resume']);
  });

  it('routes by distance: next column across the gap, further above, backwards below', () => {
    expect(edge('new', 'in_progress')?.kind).toBe('next');
    expect(edge('in_progress', 'done')?.kind).toBe('over');
    expect(edge('done', 'in_progress')?.kind).toBe('under');
    const lowestBox = Math.max(...layout.states.map((s) => s.y + BOX.height));
    const highestBox = Math.min(...layout.states.map((s) => s.y));
    const under = layout.edges.filter((e) => e.kind === 'under');
    const over = layout.edges.filter((e) => e.kind === 'over');
    for (const e of under) expect(e.label.y).toBeGreaterThan(lowestBox);
    for (const e of over) expect(e.label.y).toBeLessThan(highestBox);
    // Every lane is its own: no two lane labels at one height.
    const laneYs = [...under, ...over].map((e) => e.label.y);
    expect(new Set(laneYs).size).toBe(laneYs.length);
  });

  it('stacks states of one category and keeps everything inside the drawing', () => {
    const two = defineWorkflow({
      ...task,
      states: [...task.states, { key: 'waiting', category: 'pending', label: label('Waiting') }],
      transitions: [...task.transitions, { key: 'wait', from: ['on_hold'], to: 'waiting', label: label('Wait') }],
    });
    const l = layoutWorkflow(two);
    const hold = l.states.find((s) => s.key === 'on_hold');
    const waiting = l.states.find((s) => s.key === 'waiting');
    expect(waiting?.x).toBe(hold?.x);
    expect(waiting?.y).toBeGreaterThan(hold?.y ?? 0);
    expect(l.edges.find((e) => e.to === 'waiting')?.kind).toBe('side');
    for (const s of l.states) {
      expect(s.x + BOX.width).toBeLessThanOrEqual(l.width);
      expect(s.y + BOX.height).toBeLessThanOrEqual(l.height);
    }
    for (const e of l.edges) expect(e.label.y).toBeLessThanOrEqual(l.height);
  });
});
