import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/query-error';
import { useDrawerTarget } from '../../components/use-drawer-target';
import type { RecordTabContext } from '../records/record-tabs';
import { ApprovalCard } from './approval-card';
import { RequestApprovalDrawer } from './request-approval-drawer';
import { type ApprovalTarget, useApprovals, useWithdrawApproval } from './use-approvals';
import { VoteDialog, type VoteTarget } from './vote-dialog';

/** A record's approval requests by level, the caller's vote where they may cast one, and asking for a new one. */
export function ApprovalsTab({ type, record, canWrite }: RecordTabContext) {
  const { t } = useTranslation();
  const target: ApprovalTarget = { apiPath: type.apiPath, number: record.number };
  const approvals = useApprovals(target);
  const withdraw = useWithdrawApproval(target);
  const asking = useDrawerTarget<'new'>();
  const voting = useDrawerTarget<VoteTarget>();
  const items = approvals.data?.items ?? [];

  return (
    <div data-testid="approvals">
      {canWrite && (
        <Flex justify="flex-end" style={{ marginBottom: 12 }}>
          <Button icon={<PlusOutlined />} onClick={() => asking.open('new')} data-testid="request-approval">
            {t('engine.approvals.request')}
          </Button>
        </Flex>
      )}
      <QueryError error={approvals.error} onRetry={() => void approvals.refetch()} />
      {approvals.isPending ? (
        <Spin style={{ display: 'block', margin: '16px auto' }} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('engine.approvals.empty')} />
      ) : (
        items.map((request) => (
          <ApprovalCard
            key={request.id}
            request={request}
            canWithdraw={canWrite}
            withdrawing={withdraw.isPending && withdraw.variables === request.id}
            onVote={(decision, voteAs) => voting.open({ target, requestId: request.id, title: request.title, decision, voteAs })}
            onWithdraw={() => withdraw.mutate(request.id)}
          />
        ))
      )}
      <RequestApprovalDrawer key={asking.key} target={target} open={asking.target !== null} onClose={asking.close} />
      <VoteDialog key={voting.key} vote={voting.target} onClose={voting.close} />
    </div>
  );
}
