import { approvalInboxItemSchema, approvalRequestSchema, type CastVote, type CreateApproval } from '@keel/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ApiError, apiGet, apiSend, newIdempotencyKey } from '../../app/api';
import { useShowError } from '../../app/errors';

const approvalListSchema = z.object({ items: z.array(approvalRequestSchema) });
const inboxSchema = z.object({ items: z.array(approvalInboxItemSchema) });

/** One record, as the approval calls name it: its API path (`/tasks/TASK-000042`) is also the start of its query keys. */
export type ApprovalTarget = { apiPath: `/${string}`; number: string };

const recordPathOf = (target: ApprovalTarget) => `${target.apiPath}/${target.number}`;
// Under the record's key ([apiPath, number]), so refreshing the record refreshes its approvals.
const approvalsKey = (target: ApprovalTarget) => [target.apiPath, target.number, 'approvals'] as const;
export const INBOX_KEY = ['approvals-inbox'] as const;
/** The inbox is also the menu's count: polled like the bell, and on focus. */
const INBOX_POLL_MS = 60_000;

export function useApprovals(target: ApprovalTarget) {
  return useQuery({
    queryKey: approvalsKey(target),
    queryFn: ({ signal }) => apiGet(`${recordPathOf(target)}/approvals`, approvalListSchema, { signal }),
  });
}

export function useApprovalInbox() {
  return useQuery({
    queryKey: INBOX_KEY,
    queryFn: ({ signal }) => apiGet('/approvals/inbox?limit=100', inboxSchema, { signal }),
    refetchInterval: INBOX_POLL_MS,
    refetchOnWindowFocus: true,
  });
}

/** After any approval write: the record's approvals (from the answer), its timeline, and everyone's inbox view of it. */
function useApprovalsChanged() {
  const queryClient = useQueryClient();
  return async (target: ApprovalTarget, list: z.output<typeof approvalListSchema>) => {
    queryClient.setQueryData(approvalsKey(target), list);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: INBOX_KEY }),
      queryClient.invalidateQueries({ queryKey: [`${recordPathOf(target)}/journal`] }),
    ]);
  };
}

/** 403 and 409 from a vote or a withdrawal, in words; the list is fetched again so it shows why. */
function useApprovalError() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  return async (error: Error, target: ApprovalTarget) => {
    if (error instanceof ApiError && (error.status === 403 || error.status === 409)) {
      void message.warning(t(error.status === 403 ? 'engine.approvals.notApprover' : 'engine.approvals.notOpen'));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: approvalsKey(target) }),
        queryClient.invalidateQueries({ queryKey: INBOX_KEY }),
      ]);
      return;
    }
    showError(error);
  };
}

export type VoteInput = { target: ApprovalTarget; requestId: number; vote: CastVote };

export function useVote() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const changed = useApprovalsChanged();
  const onError = useApprovalError();
  return useMutation({
    mutationFn: ({ target, requestId, vote }: VoteInput) =>
      apiSend('POST', `${recordPathOf(target)}/approvals/${requestId}/votes`, approvalListSchema, { body: vote }),
    onSuccess: async (list, { target }) => {
      void message.success(t('engine.approvals.voted'));
      await changed(target, list);
    },
    onError: (error, { target }) => onError(error, target),
  });
}

export function useWithdrawApproval(target: ApprovalTarget) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const changed = useApprovalsChanged();
  const onError = useApprovalError();
  return useMutation({
    mutationFn: (requestId: number) => apiSend('POST', `${recordPathOf(target)}/approvals/${requestId}/cancel`, approvalListSchema),
    onSuccess: async (list) => {
      void message.success(t('engine.approvals.withdrawn'));
      await changed(target, list);
    },
    onError: (error) => onError(error, target),
  });
}

/** Asks for an approval; field problems (400) are the caller's to put on its form. */
export function useRequestApproval(target: ApprovalTarget) {
  const changed = useApprovalsChanged();
  return useMutation({
    mutationFn: (body: CreateApproval) =>
      apiSend('POST', `${recordPathOf(target)}/approvals`, approvalListSchema, { body, idempotencyKey: newIdempotencyKey() }),
    onSuccess: (list) => changed(target, list),
  });
}
