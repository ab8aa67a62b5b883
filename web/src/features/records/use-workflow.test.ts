import type { Workflow } from '@keel/shared';
import { describe, expect, it } from 'vitest';
import { workflowLabels } from './use-workflow';

const workflow: Workflow = {
  initial: 'new',
  states: [
    { key: 'new', category: 'new', label: { 'zh-CN': '新建', en: 'New' } },
    { key: 'done', category: 'closed', label: { 'zh-CN': '已完成', en: 'Done' } },
  ],
  transitions: [
    {
      key: 'complete',
      from: ['new'],
      to: 'done',
      roles: [],
      requires: [],
      guards: [],
      effects: [],
      label: { 'zh-CN': '完成', en: 'Complete' },
    },
  ],
};

describe('workflowLabels', () => {
  it('names states and actions in the UI language', () => {
    expect(workflowLabels(workflow, 'zh-CN').state('done')).toBe('已完成');
    expect(workflowLabels(workflow, 'en').action('complete')).toBe('Complete');
  });

  it('shows an unknown key (or any key before the workflow has loaded) as it is', () => {
    expect(workflowLabels(workflow, 'en').state('archived')).toBe('archived');
    expect(workflowLabels(undefined, 'en').action('start')).toBe('start');
  });
});
