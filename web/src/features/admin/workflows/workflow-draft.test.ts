import { describe, expect, it } from 'vitest';
import { checkDraft, draftText, strandedStates } from './workflow-draft';

const workflow = {
  initial: 'new',
  states: [
    { key: 'new', category: 'new', label: { 'zh-CN': '新建', en: 'New' } },
    { key: 'done', category: 'closed', label: { 'zh-CN': '完成', en: 'Done' } },
  ],
  transitions: [{ key: 'finish', from: ['new'], to: 'done', label: { 'zh-CN': '完成', en: 'Finish' } }],
};

describe('workflow drafts', () => {
  it('accepts a workflow and fills the defaults the contract gives', () => {
    const check = checkDraft(JSON.stringify(workflow));
    expect(check.ok && check.workflow.transitions[0]?.guards).toEqual([]);
  });

  it('says where JSON breaks, and which fields the shape refuses', () => {
    expect(checkDraft('{"initial": ')).toMatchObject({ ok: false, jsonError: expect.any(String) });
    const bad = checkDraft(JSON.stringify({ ...workflow, states: [{ key: 'New', category: 'open', label: { en: 'x' } }] }));
    expect(bad.ok).toBe(false);
    const paths = bad.ok ? [] : bad.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['states.0.key', 'states.0.category', 'states.0.label.zh-CN']));
  });

  it('round-trips through the editor text', () => {
    const check = checkDraft(JSON.stringify(workflow));
    if (!check.ok) throw new Error('expected a valid workflow');
    expect(checkDraft(draftText(check.workflow))).toEqual(check);
  });

  it('reads the stranded states from a 409', () => {
    const errors = [
      { path: 'states', message: 'on_hold' },
      { path: 'states', message: 'waiting' },
    ];
    expect(strandedStates(errors)).toEqual(['on_hold', 'waiting']);
    expect(strandedStates([])).toEqual([]);
  });
});
