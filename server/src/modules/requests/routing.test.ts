import { describe, expect, it } from 'vitest';
import { approvalRoute } from './routing.js';

const facts = { requesterId: 10, managerId: 20, serviceOwnerId: 30 };

describe('approvalRoute', () => {
  it('asks nobody when the item needs no approval', () => {
    expect(approvalRoute({ kind: 'none' }, facts)).toEqual({ kind: 'none' });
  });

  it('asks the requester’s manager, or says there is none', () => {
    expect(approvalRoute({ kind: 'manager' }, facts)).toEqual({ kind: 'ask', title: 'manager', userIds: [20], groupIds: [] });
    expect(approvalRoute({ kind: 'manager' }, { ...facts, managerId: null })).toEqual({ kind: 'unavailable', reason: 'no_manager' });
  });

  it('asks the service owner, or says there is none', () => {
    expect(approvalRoute({ kind: 'service_owner' }, facts)).toEqual({ kind: 'ask', title: 'service_owner', userIds: [30], groupIds: [] });
    expect(approvalRoute({ kind: 'service_owner' }, { ...facts, serviceOwnerId: null })).toEqual({
      kind: 'unavailable',
      reason: 'no_service_owner',
    });
  });

  it('asks a group (any one member decides)', () => {
    expect(approvalRoute({ kind: 'group', groupId: 7 }, facts)).toEqual({ kind: 'ask', title: 'group', userIds: [], groupIds: [7] });
  });

  it('never lets a requester approve their own request', () => {
    expect(approvalRoute({ kind: 'manager' }, { ...facts, managerId: 10 })).toMatchObject({ reason: 'self_approval' });
    expect(approvalRoute({ kind: 'service_owner' }, { ...facts, serviceOwnerId: 10 })).toMatchObject({ reason: 'self_approval' });
  });
});
