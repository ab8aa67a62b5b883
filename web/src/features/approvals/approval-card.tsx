import { CheckOutlined, CloseOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import type { ApprovalRequest } from '@keel/shared';
import { Button, Card, Flex, Popconfirm, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime } from '../../app/format';
import { ApprovalStateTag } from './approval-state-tag';
import { usePeopleNames } from './use-people-names';
import type { Decision, VoteAs } from './vote-dialog';

type Props = {
  request: ApprovalRequest;
  canWithdraw: boolean;
  withdrawing: boolean;
  onVote: (decision: Decision, voteAs: VoteAs[]) => void;
  onWithdraw: () => void;
};

/** One approval request: how it is decided, who is asked, the votes so far, and what the caller may do. */
export function ApprovalCard({ request, canWithdraw, withdrawing, onVote, onWithdraw }: Props) {
  const { t } = useTranslation();
  const formatTime = useFormatDateTime();
  const known = new Map(request.approvers.filter((a) => a.kind === 'user').map((a) => [a.id, a.name]));
  const nameOf = usePeopleNames(request.canVoteAs, known);
  const voteAs = request.canVoteAs.map((id) => ({ id, name: nameOf(id) }));
  const open = request.state === 'pending' || request.state === 'waiting';
  const mode =
    request.mode === 'quorum'
      ? `${t('engine.approvalModes.quorum')} · ${t('engine.approvals.quorum', { quorum: request.quorum ?? 0, count: request.eligibleCount })}`
      : t(`engine.approvalModes.${request.mode}`);

  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      data-testid="approval-request"
      title={
        <Space wrap size={6} style={{ whiteSpace: 'normal', padding: '4px 0' }}>
          <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
            {request.title}
          </Typography.Text>
          <ApprovalStateTag state={request.state} />
          <Tag>{t('engine.approvals.level', { level: request.level })}</Tag>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {mode} · {t('engine.approvals.asked', { time: formatTime(request.createdAt) })}
        {request.decidedAt && ` · ${t('engine.approvals.decided', { time: formatTime(request.decidedAt) })}`}
      </Typography.Paragraph>
      <Flex wrap gap={4} align="center" style={{ marginBottom: 8 }} data-testid="approvers">
        <Typography.Text type="secondary">{t('engine.approvals.approvers')}:</Typography.Text>
        {request.approvers.map((a) => (
          <Tag key={`${a.kind}-${a.id}`} icon={a.kind === 'group' ? <TeamOutlined /> : <UserOutlined />}>
            {a.name}
          </Tag>
        ))}
      </Flex>
      {request.votes.length === 0 ? (
        <Typography.Text type="secondary">{t('engine.approvals.noVotes')}</Typography.Text>
      ) : (
        request.votes.map((vote) => (
          <div
            key={`${vote.voterId}-${vote.createdAt}`}
            style={{ padding: '6px 0', borderTop: '1px solid #f0f0f0' }}
            data-testid="approval-vote"
          >
            <Space wrap size={6}>
              <Typography.Text strong>{vote.voterName}</Typography.Text>
              <Tag color={vote.decision === 'approve' ? 'green' : 'red'}>{t(`engine.timeline.decisions.${vote.decision}`)}</Tag>
              {vote.castById !== vote.voterId && (
                <Typography.Text type="secondary">{t('engine.approvals.castBy', { name: vote.castByName })}</Typography.Text>
              )}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatTime(vote.createdAt)}
              </Typography.Text>
            </Space>
            {vote.comment && (
              <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }} data-testid="vote-comment-text">
                {vote.comment}
              </Typography.Paragraph>
            )}
          </div>
        ))
      )}
      {(voteAs.length > 0 || (canWithdraw && open)) && (
        <Flex wrap gap={8} style={{ marginTop: 12 }}>
          {voteAs.length > 0 && (
            <>
              <Button type="primary" icon={<CheckOutlined />} onClick={() => onVote('approve', voteAs)} data-testid="approve">
                {t('engine.approvals.approve')}
              </Button>
              <Button danger icon={<CloseOutlined />} onClick={() => onVote('reject', voteAs)} data-testid="reject">
                {t('engine.approvals.reject')}
              </Button>
            </>
          )}
          {canWithdraw && open && (
            <Popconfirm title={t('engine.approvals.withdrawConfirm')} onConfirm={onWithdraw}>
              <Button loading={withdrawing} data-testid="withdraw-approval">
                {t('engine.approvals.withdraw')}
              </Button>
            </Popconfirm>
          )}
        </Flex>
      )}
    </Card>
  );
}
