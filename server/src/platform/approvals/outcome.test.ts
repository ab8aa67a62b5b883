import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { approvalOutcome } from './outcome.js';

describe('approvalOutcome', () => {
  it('lets the first decision decide an any-one request', () => {
    expect(approvalOutcome({ mode: 'any', quorum: null, eligible: 5, approvals: 0, rejections: 0 })).toBe('pending');
    expect(approvalOutcome({ mode: 'any', quorum: null, eligible: 5, approvals: 1, rejections: 0 })).toBe('approved');
    expect(approvalOutcome({ mode: 'any', quorum: null, eligible: 5, approvals: 0, rejections: 1 })).toBe('rejected');
  });

  it('needs everyone for an all request and rejects on the first no', () => {
    expect(approvalOutcome({ mode: 'all', quorum: null, eligible: 3, approvals: 2, rejections: 0 })).toBe('pending');
    expect(approvalOutcome({ mode: 'all', quorum: null, eligible: 3, approvals: 3, rejections: 0 })).toBe('approved');
    expect(approvalOutcome({ mode: 'all', quorum: null, eligible: 3, approvals: 2, rejections: 1 })).toBe('rejected');
  });

  it('approves a quorum at N and rejects once N is out of reach', () => {
    const cab = { mode: 'quorum' as const, quorum: 3, eligible: 5 };
    expect(approvalOutcome({ ...cab, approvals: 2, rejections: 2 })).toBe('pending');
    expect(approvalOutcome({ ...cab, approvals: 3, rejections: 2 })).toBe('approved');
    expect(approvalOutcome({ ...cab, approvals: 1, rejections: 3 })).toBe('rejected');
  });

  it('never approves a quorum with fewer than N approvals, and decides once all have voted', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 15 }), fc.integer({ min: 1, max: 15 }), fc.nat(15), (eligible, quorum, approvals) => {
        const q = Math.min(quorum, eligible);
        const a = Math.min(approvals, eligible);
        const outcome = approvalOutcome({ mode: 'quorum', quorum: q, eligible, approvals: a, rejections: eligible - a });
        expect(outcome).toBe(a >= q ? 'approved' : 'rejected');
      }),
    );
  });
});
