import type { Workflow } from '@keel/shared';
import { describe, expect, it } from 'vitest';
import { RECORD_TYPES } from '../../modules/record-types.js';
import { allowedTransitions, workflowProblems } from './validate.js';

const label = { 'zh-CN': '标签', en: 'Label' };
const state = (key: string, category: Workflow['states'][number]['category']) => ({ key, category, label });
const move = (key: string, from: string[], to: string, roles: string[] = []) => ({
  key,
  from,
  to,
  roles,
  requires: [],
  guards: [],
  effects: [],
  label,
});

const simple: Workflow = {
  initial: 'open',
  states: [state('open', 'new'), state('working', 'active'), state('closed', 'closed')],
  transitions: [move('start', ['open'], 'working'), move('close', ['working'], 'closed', ['service_manager'])],
};

describe('workflow validation', () => {
  it('accepts every shipped workflow', () => {
    for (const type of RECORD_TYPES) expect(workflowProblems(type.workflow), type.key).toEqual([]);
    expect(workflowProblems(simple)).toEqual([]);
  });

  it('names unknown states and duplicates', () => {
    expect(workflowProblems({ ...simple, initial: 'nowhere' })).toEqual(['The initial state "nowhere" is not a state']);
    expect(workflowProblems({ ...simple, transitions: [...simple.transitions, move('jump', ['open'], 'mars')] })).toEqual([
      'Transition "jump" leads to unknown state "mars"',
    ]);
    expect(workflowProblems({ ...simple, states: [...simple.states, state('open', 'active')] })).toContain('Two states share a key');
  });

  it('finds unreachable states, dead ends and states that can never close', () => {
    const island = { ...simple, states: [...simple.states, state('island', 'active')] };
    expect(workflowProblems(island)).toEqual([
      'State "island" cannot be reached from "open"',
      'State "island" is a dead end',
      'A record in "island" can never be closed',
    ]);
    const loop: Workflow = {
      initial: 'a',
      states: [state('a', 'new'), state('b', 'active'), state('done', 'closed')],
      transitions: [move('go', ['a'], 'b'), move('back', ['b'], 'a'), move('finish', ['a'], 'done')],
    };
    expect(workflowProblems(loop)).toEqual([]);
    const trapped: Workflow = { ...loop, transitions: [move('go', ['a'], 'b'), move('back', ['b'], 'a'), move('skip', ['a'], 'a')] };
    expect(workflowProblems(trapped)).toEqual([
      'A record in "a" can never be closed',
      'A record in "b" can never be closed',
      'State "done" cannot be reached from "a"',
    ]);
    expect(workflowProblems({ ...simple, states: simple.states.map((s) => ({ ...s, category: 'active' as const })) })).toContain(
      'No state closes or cancels a record',
    );
  });

  it('offers only the transitions out of the current state that the roles allow', () => {
    expect(allowedTransitions(simple, 'open', ['agent']).map((t) => t.key)).toEqual(['start']);
    expect(allowedTransitions(simple, 'working', ['agent'])).toEqual([]);
    expect(allowedTransitions(simple, 'working', ['service_manager']).map((t) => t.key)).toEqual(['close']);
    expect(allowedTransitions(simple, 'working', ['administrator']).map((t) => t.key)).toEqual(['close']);
  });
});
