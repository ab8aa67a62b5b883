import { type RecordItem, recordSchema } from '@keel/shared';
import { Button, Card, Empty, Flex, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatDateTime } from '../../app/format';
import { useMe } from '../../app/session';
import { QueryError } from '../../components/query-error';
import { useCursorList } from '../../components/use-cursor-list';
import { StateTag } from '../records/record-tags';
import { INCIDENT_TYPE_UI, REQUEST_TYPE_UI, type RecordTypeUi } from '../records/record-types';
import { useWorkflowLabels } from '../records/use-workflow';
import { PortalBack } from './portal-home';

/** Records of each type per page, newest activity first. */
const PAGE = 25;

function TicketCard({ record, type }: { record: RecordItem; type: RecordTypeUi }) {
  const { t } = useTranslation();
  const formatTime = useFormatDateTime();
  const workflow = useWorkflowLabels(type);
  return (
    <Link to={`/portal/tickets/${record.number}`} data-testid="ticket-row">
      <Card hoverable size="small">
        <Flex justify="space-between" gap={8} wrap>
          <div style={{ minWidth: 0 }}>
            <Typography.Text type="secondary">{record.number}</Typography.Text>{' '}
            <Tag>{t(record.type === 'request' ? 'requests.tickets.request' : 'requests.tickets.incident')}</Tag>
            <div>
              <Typography.Text strong>{record.title}</Typography.Text>
            </div>
          </div>
          <Flex vertical align="end" gap={4}>
            <StateTag label={workflow.state(record.state)} category={record.stateCategory} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('requests.tickets.updated')} {formatTime(record.updatedAt)}
            </Typography.Text>
          </Flex>
        </Flex>
      </Card>
    </Link>
  );
}

/** A customer's incidents and requests together, newest activity first; their organisation's when they may see them. */
export function TicketsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [scope, setScope] = useState<'mine' | 'organisation'>('mine');
  const params = { limit: PAGE, sort: '-updatedAt', ...(scope === 'mine' ? { requesterId: 'me' } : {}) };
  // One server-paged list per type, read page by page together.
  const incidents = useCursorList(INCIDENT_TYPE_UI.apiPath, params, recordSchema);
  const requests = useCursorList(REQUEST_TYPE_UI.apiPath, params, recordSchema);
  const lists = [
    { list: incidents, type: INCIDENT_TYPE_UI },
    { list: requests, type: REQUEST_TYPE_UI },
  ];
  const error = lists.find((l) => l.list.error)?.list.error;
  const rows = lists
    .flatMap(({ list, type }) => list.items.map((record) => ({ record, type })))
    .sort((a, b) => b.record.updatedAt.localeCompare(a.record.updatedAt));
  const hasMore = lists.some((l) => l.list.hasNextPage);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="tickets-page">
      <PortalBack />
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('requests.tickets.title')}
        </Typography.Title>
        {me.organisationId !== null && (
          <Segmented
            value={scope}
            onChange={(v) => setScope(v as 'mine' | 'organisation')}
            options={[
              { value: 'mine', label: t('requests.tickets.mine') },
              { value: 'organisation', label: t('requests.tickets.organisation') },
            ]}
          />
        )}
      </Flex>
      <QueryError error={error} onRetry={() => lists.forEach((l) => void l.list.refetch())} />
      {lists.some((l) => l.list.isPending) ? (
        <Spin style={{ display: 'block', margin: '24px auto' }} />
      ) : rows.length === 0 ? (
        <Empty description={t('requests.tickets.empty')} />
      ) : (
        <Flex vertical gap={8}>
          {rows.map(({ record, type }) => (
            <TicketCard key={record.number} record={record} type={type} />
          ))}
        </Flex>
      )}
      {hasMore && (
        <Button
          block
          loading={lists.some((l) => l.list.isFetchingNextPage)}
          onClick={() => {
            for (const { list } of lists) if (list.hasNextPage) void list.fetchNextPage();
          }}
          data-testid="tickets-more"
        >
          {t('requests.tickets.more')}
        </Button>
      )}
    </Space>
  );
}
