import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import type { RecordItem } from '@keel/shared';
import { Button, Flex, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PriorityTag, StateTag } from './record-tags';
import type { RecordTypeUi } from './record-types';
import { useWorkflowLabels } from './use-workflow';

type Props = {
  type: RecordTypeUi;
  record: RecordItem;
  canWrite: boolean;
  onEdit: () => void;
  onAction: (action: string) => void;
  pendingAction: string | null;
  /** More tags beside the state (SLA badges arrive here). */
  badges?: ReactNode;
  /** The type's own buttons after the workflow actions (an incident's escalate). */
  extraActions?: ReactNode;
};

/** Number, title, state and priority; then exactly the actions the server says this caller may take. */
export function RecordHeader({ type, record, canWrite, onEdit, onAction, pendingAction, badges, extraActions }: Props) {
  const { t } = useTranslation();
  const workflow = useWorkflowLabels(type);
  return (
    <div style={{ marginBottom: 16 }}>
      <Link to={type.routePath}>
        <ArrowLeftOutlined /> {t('records.backToList')}
      </Link>
      <Flex justify="space-between" align="flex-start" wrap gap={12} style={{ marginTop: 8 }}>
        <div style={{ minWidth: 0 }}>
          <Typography.Text type="secondary" copyable data-testid="record-number">
            {record.number}
          </Typography.Text>
          <Typography.Title level={3} style={{ margin: '4px 0 8px', overflowWrap: 'anywhere' }} data-testid="record-title">
            {record.title}
          </Typography.Title>
          <Space size={4} wrap>
            <StateTag label={workflow.state(record.state)} category={record.stateCategory} />
            <PriorityTag priority={record.priority} />
            {badges}
          </Space>
        </div>
        <Flex gap={8} wrap data-testid="record-actions">
          {record.actions.map((action) => (
            <Button
              key={action}
              type={action === record.actions[0] ? 'primary' : 'default'}
              loading={pendingAction === action}
              disabled={pendingAction !== null && pendingAction !== action}
              onClick={() => onAction(action)}
              data-testid={`action-${action}`}
            >
              {workflow.action(action)}
            </Button>
          ))}
          {extraActions}
          {canWrite && (
            <Button icon={<EditOutlined />} onClick={onEdit} data-testid="edit-record">
              {t('common.edit')}
            </Button>
          )}
        </Flex>
      </Flex>
    </div>
  );
}
