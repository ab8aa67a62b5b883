import type { SlaPolicy } from '@keel/shared';
import { describe, expect, it } from 'vitest';
import { badPercentage, createPolicyBody, newPolicyValues, policyValuesOf, updatePolicyBody } from './sla-values';

const policy: SlaPolicy = {
  id: 4,
  name: 'Data centre tasks',
  recordType: 'task',
  conditions: { priorities: [1, 2], groupIds: [3] },
  calendarId: 2,
  targets: [
    {
      key: 'response',
      label: { 'zh-CN': '响应', en: 'Response' },
      stopOn: ['active', 'resolved'],
      minutesByPriority: { '1': 15, '3': 60 },
      defaultMinutes: null,
    },
  ],
  pauseOn: ['pending'],
  warnAt: [75],
  position: 10,
  active: true,
  version: 3,
};

describe('SLA policy form values', () => {
  it('starts a new policy with one resolution target and the usual pauses and warnings', () => {
    const body = createPolicyBody({ ...newPolicyValues('task', 100), name: ' Tasks ' });
    expect(body).toMatchObject({
      name: 'Tasks',
      recordType: 'task',
      conditions: {},
      calendarId: null,
      pauseOn: ['pending'],
      warnAt: [75, 90],
    });
    expect(body.targets[0]).toMatchObject({ key: 'resolution', defaultMinutes: 480, minutesByPriority: { '1': 240, '4': 1920 } });
    expect(body.targets[0]?.minutesByPriority['5']).toBeUndefined();
  });

  it('round-trips a stored policy, minutes by priority included', () => {
    const body = updatePolicyBody(policyValuesOf(policy));
    const { id: _id, version: _v, recordType: _t, ...rest } = policy;
    expect(body).toEqual(rest);
  });

  it('sends only the conditions given and reads warnings typed as text', () => {
    const values = { ...policyValuesOf(policy), priorities: [], groupIds: [], categories: [' Network ', ''], warnAt: ['90', 50, '50'] };
    expect(updatePolicyBody(values)).toMatchObject({ conditions: { categories: ['Network'] }, warnAt: [50, 90] });
    expect(badPercentage(['90', 50])).toBe(false);
    expect(badPercentage(['100'])).toBe(true);
    expect(badPercentage(['7.5'])).toBe(true);
  });
});
