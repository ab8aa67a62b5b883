import type { ApprovalMode } from '@keel/shared';

export type Tally = { mode: ApprovalMode; quorum: number | null; eligible: number; approvals: number; rejections: number };

/**
 * Where a request stands after its votes. any: the first decision decides. all: one
 * rejection rejects, every eligible approval approves. quorum N: N approvals approve, and
 * it is rejected as soon as N can no longer be reached.
 */
export function approvalOutcome(t: Tally): 'pending' | 'approved' | 'rejected' {
  switch (t.mode) {
    case 'any':
      if (t.approvals > 0) return 'approved';
      return t.rejections > 0 ? 'rejected' : 'pending';
    case 'all':
      if (t.rejections > 0) return 'rejected';
      return t.approvals >= t.eligible ? 'approved' : 'pending';
    case 'quorum': {
      const needed = t.quorum ?? t.eligible;
      if (t.approvals >= needed) return 'approved';
      return t.eligible - t.rejections < needed ? 'rejected' : 'pending';
    }
  }
}
