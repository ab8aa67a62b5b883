import type { Workflow } from '@keel/shared';

const TERMINAL = new Set(['closed', 'cancelled']);

/** Every state reachable from `start` along transitions. */
function reachableFrom(workflow: Workflow, start: string): Set<string> {
  const seen = new Set([start]);
  const queue = [start];
  for (let state = queue.shift(); state !== undefined; state = queue.shift()) {
    for (const t of workflow.transitions) {
      if (t.from.includes(state) && !seen.has(t.to)) {
        seen.add(t.to);
        queue.push(t.to);
      }
    }
  }
  return seen;
}

/**
 * What is wrong with a workflow, in words an administrator can act on: unknown states,
 * duplicates, unreachable states, dead ends, and states from which a record can never close.
 */
export function workflowProblems(workflow: Workflow): string[] {
  const problems: string[] = [];
  const states = new Map(workflow.states.map((s) => [s.key, s]));
  if (states.size !== workflow.states.length) problems.push('Two states share a key');
  const actions = workflow.transitions.map((t) => `${t.key}:${t.from.join(',')}`);
  if (new Set(actions).size !== actions.length) problems.push('A transition is defined twice');
  if (!states.has(workflow.initial)) problems.push(`The initial state "${workflow.initial}" is not a state`);
  for (const t of workflow.transitions) {
    for (const from of t.from) if (!states.has(from)) problems.push(`Transition "${t.key}" starts from unknown state "${from}"`);
    if (!states.has(t.to)) problems.push(`Transition "${t.key}" leads to unknown state "${t.to}"`);
  }
  if (problems.length > 0) return problems;
  const terminal = workflow.states.filter((s) => TERMINAL.has(s.category)).map((s) => s.key);
  if (terminal.length === 0) problems.push('No state closes or cancels a record');
  const reachable = reachableFrom(workflow, workflow.initial);
  for (const state of workflow.states) {
    if (!reachable.has(state.key)) problems.push(`State "${state.key}" cannot be reached from "${workflow.initial}"`);
    const leaves = workflow.transitions.some((t) => t.from.includes(state.key));
    if (!TERMINAL.has(state.category) && !leaves) problems.push(`State "${state.key}" is a dead end`);
    if (terminal.length > 0 && !TERMINAL.has(state.category)) {
      const onward = reachableFrom(workflow, state.key);
      if (!terminal.some((t) => onward.has(t))) problems.push(`A record in "${state.key}" can never be closed`);
    }
  }
  return problems;
}

/**
 * Transitions out of a state that a caller with these roles may take. An empty role list
 * means any staff member who may edit the record; a customer takes only the transitions that
 * name the `customer` role (confirm, reopen …).
 */
export function allowedTransitions(workflow: Workflow, state: string, roles: readonly string[]) {
  const customer = roles.includes('customer');
  return workflow.transitions.filter((t) => {
    if (!t.from.includes(state)) return false;
    if (customer) return t.roles.includes('customer');
    return t.roles.length === 0 || roles.includes('administrator') || t.roles.some((r) => roles.includes(r));
  });
}
