import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import type { ApprovalInboxItem } from '@keel/shared';
import { Button, Card, Col, Empty, Flex, List, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatDateTime } from '../../app/format';
import { useMe } from '../../app/session';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { useDrawerTarget } from '../../components/use-drawer-target';
import { DelegationCard } from './delegation-card';
import { useApprovalInbox } from './use-approvals';
import { type Decision, VoteDialog, type VoteTarget } from './vote-dialog';

/** "My approvals": what waits for the caller's vote, in person or as a delegate, with quick approve and reject. */
export function ApprovalsInboxPage() {
  const { t } = useTranslation();
  const me = useMe();
  const formatTime = useFormatDateTime();
  const inbox = useApprovalInbox();
  const voting = useDrawerTarget<VoteTarget>();
  const items = inbox.data?.items ?? [];

  const vote = (item: ApprovalInboxItem, decision: Decision) =>
    voting.open({
      target: { apiPath: `/${item.record.path}`, number: item.record.number },
      requestId: item.requestId,
      title: item.title,
      decision,
      voteAs: [item.onBehalfOf ?? { id: me.id, name: me.displayName }],
    });

  return (
    <>
      <PageHeader title={t('engine.inbox.title')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card>
            <Typography.Paragraph type="secondary">{t('engine.inbox.intro')}</Typography.Paragraph>
            <QueryError error={inbox.error} onRetry={() => void inbox.refetch()} />
            <List
              loading={inbox.isPending}
              dataSource={items}
              rowKey={(item) => `${item.requestId}-${item.onBehalfOf?.id ?? 'me'}`}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('engine.inbox.empty')} /> }}
              data-testid="approval-inbox"
              renderItem={(item) => (
                <List.Item data-testid="inbox-item">
                  <Flex justify="space-between" align="center" wrap gap={12} style={{ width: '100%' }}>
                    <div style={{ minWidth: 0, flex: '1 1 260px' }}>
                      <Space wrap size={6}>
                        <Link to={`/${item.record.path}/${item.record.number}`} data-testid="inbox-record">
                          {item.record.number}
                        </Link>
                        <Typography.Text style={{ overflowWrap: 'anywhere' }}>{item.record.title}</Typography.Text>
                      </Space>
                      <div>
                        <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
                          {item.title}
                        </Typography.Text>
                      </div>
                      <Space wrap size={6} style={{ marginTop: 4 }}>
                        <Tag>{t(`engine.approvalModes.${item.mode}`)}</Tag>
                        {item.onBehalfOf && (
                          <Tag color="purple" data-testid="inbox-on-behalf">
                            {t('engine.approvals.onBehalfOf', { name: item.onBehalfOf.name })}
                          </Tag>
                        )}
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('engine.approvals.asked', { time: formatTime(item.createdAt) })}
                        </Typography.Text>
                      </Space>
                    </div>
                    <Space>
                      <Button type="primary" icon={<CheckOutlined />} onClick={() => vote(item, 'approve')} data-testid="inbox-approve">
                        {t('engine.approvals.approve')}
                      </Button>
                      <Button danger icon={<CloseOutlined />} onClick={() => vote(item, 'reject')} data-testid="inbox-reject">
                        {t('engine.approvals.reject')}
                      </Button>
                    </Space>
                  </Flex>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <DelegationCard />
        </Col>
      </Row>
      <VoteDialog key={voting.key} vote={voting.target} onClose={voting.close} />
    </>
  );
}
