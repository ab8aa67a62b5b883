import type { CatalogueApproval } from '@keel/shared';

/** What is known about a request when it is raised: the requester's manager and the service's owner. */
export type RoutingFacts = { requesterId: number; managerId: number | null; serviceOwnerId: number | null };

export type ApprovalRoute =
  | { kind: 'none' }
  | { kind: 'ask'; title: 'manager' | 'service_owner' | 'group'; userIds: number[]; groupIds: number[] }
  | { kind: 'unavailable'; reason: 'no_manager' | 'no_service_owner' | 'self_approval' };

/**
 * Who approves a request under an item's policy. Nobody approves their own request: a
 * requester who is their own manager or the service's owner cannot raise an item that needs
 * that approval (the service desk routes it by hand instead).
 */
export function approvalRoute(policy: CatalogueApproval, facts: RoutingFacts): ApprovalRoute {
  switch (policy.kind) {
    case 'none':
      return { kind: 'none' };
    case 'manager':
      if (facts.managerId === null) return { kind: 'unavailable', reason: 'no_manager' };
      if (facts.managerId === facts.requesterId) return { kind: 'unavailable', reason: 'self_approval' };
      return { kind: 'ask', title: 'manager', userIds: [facts.managerId], groupIds: [] };
    case 'service_owner':
      if (facts.serviceOwnerId === null) return { kind: 'unavailable', reason: 'no_service_owner' };
      if (facts.serviceOwnerId === facts.requesterId) return { kind: 'unavailable', reason: 'self_approval' };
      return { kind: 'ask', title: 'service_owner', userIds: [facts.serviceOwnerId], groupIds: [] };
    case 'group':
      return { kind: 'ask', title: 'group', userIds: [], groupIds: [policy.groupId] };
  }
}
