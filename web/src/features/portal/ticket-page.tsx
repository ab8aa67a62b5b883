import { Button, Card, Flex, Result, Space, Spin, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../../app/api';
import { useFormatDateTime } from '../../app/format';
import { Markdown } from '../../components/markdown';
import { QueryError } from '../../components/query-error';
import { AttachmentsTab } from '../records/attachments/attachments-tab';
import { StateTag } from '../records/record-tags';
import type { RecordTypeUi } from '../records/record-types';
import { TimelineTab } from '../records/timeline/timeline-tab';
import { useRecord } from '../records/use-record';
import { useRecordActions } from '../records/use-record-actions';
import { useWorkflowLabels } from '../records/use-workflow';
import { portalTypeOf } from './portal-api';
import { PortalBack } from './portal-home';
import { RatingCard } from './rating-card';
import { RequestAnswers } from './request-answers';

function Ticket({ type, number }: { type: RecordTypeUi; number: string }) {
  const { t } = useTranslation();
  const formatTime = useFormatDateTime();
  const query = useRecord(type, number);
  const record = query.data;
  const workflow = useWorkflowLabels(type);
  const actions = useRecordActions(type, record, () => undefined);

  if (query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 400)) {
    return <Result status="404" title="404" subTitle={t('app.notFound')} />;
  }
  if (!record) return query.error ? <QueryError error={query.error} onRetry={() => void query.refetch()} /> : <Spin />;
  const ctx = { type, record, canWrite: true };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 860 }} data-testid="ticket-page">
      <PortalBack to="/portal/tickets" label={t('requests.portal.myTickets')} />
      <Card>
        <Flex justify="space-between" align="start" gap={8} wrap>
          <div style={{ minWidth: 0 }}>
            <Typography.Text type="secondary" data-testid="ticket-number">
              {record.number}
            </Typography.Text>
            <Typography.Title level={4} style={{ margin: '4px 0' }}>
              {record.title}
            </Typography.Title>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('requests.ticket.opened')} {formatTime(record.openedAt)}
            </Typography.Text>
          </div>
          <StateTag label={workflow.state(record.state)} category={record.stateCategory} />
        </Flex>
        {record.description && (
          <div style={{ marginTop: 12 }}>
            <Markdown source={record.description} />
          </div>
        )}
        {record.actions.length > 0 && (
          <Flex gap={8} wrap style={{ marginTop: 12 }}>
            {record.actions.map((action) => (
              <Button
                key={action}
                type={action === 'confirm' ? 'primary' : 'default'}
                loading={actions.pendingAction === action}
                onClick={() => actions.run(action)}
                data-testid={`action-${action}`}
              >
                {workflow.action(action)}
              </Button>
            ))}
          </Flex>
        )}
      </Card>
      {record.stateCategory === 'closed' && <RatingCard type={type} record={record} />}
      <RequestAnswers record={record} />
      <Card size="small">
        <Tabs
          items={[
            { key: 'timeline', label: t('requests.ticket.timeline'), children: <TimelineTab {...ctx} /> },
            { key: 'files', label: t('requests.ticket.attachments'), children: <AttachmentsTab {...ctx} /> },
          ]}
        />
      </Card>
    </Space>
  );
}

/** One ticket as its customer follows it: public updates, comments, files, confirm or reopen, and a rating once closed. */
export function TicketPage() {
  const { number = '' } = useParams();
  const type = portalTypeOf(number);
  if (!type) return <Result status="404" title="404" />;
  return <Ticket key={number} type={type} number={number} />;
}
