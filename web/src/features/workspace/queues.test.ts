import { describe, expect, it } from 'vitest';
import { AT_RISK_WINDOW_MS, isQueue, QUEUES, queueParams } from './queues';

describe('agent queues', () => {
  const now = Date.parse('2026-11-25T08:00:00Z');

  it('show open work, most urgent first, for me, my groups and nobody', () => {
    expect(queueParams('mine', now)).toEqual({ assigneeId: 'me', stateCategory: 'new,active,pending', sort: 'slaDueAt' });
    expect(queueParams('groups', now)).toMatchObject({ groupId: 'mine', sort: 'slaDueAt' });
    expect(queueParams('unassigned', now)).toMatchObject({ 'assigneeId.empty': 'true' });
  });

  it('count a clock due within the window, or already past due, as at risk; waiting work is not', () => {
    const params = queueParams('atRisk', now);
    expect(Date.parse(params['slaDueAt.lte'] ?? '')).toBe(now + AT_RISK_WINDOW_MS);
    expect(params.stateCategory).toBe('new,active');
  });

  it('list recently updated records newest first, whatever their state', () => {
    expect(queueParams('recent', now)).toEqual({ sort: '-updatedAt' });
  });

  it('know their own names only', () => {
    expect(QUEUES.every(isQueue)).toBe(true);
    expect(isQueue('everything')).toBe(false);
    expect(isQueue(null)).toBe(false);
  });
});
