import { PlusOutlined } from '@ant-design/icons';
import { type ChildRecord, childRecordSchema } from '@keel/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Empty, Flex, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { z } from 'zod';
import { apiGet } from '../../../app/api';
import { useCan } from '../../../app/session';
import { QueryError } from '../../../components/query-error';
import { useDrawerTarget } from '../../../components/use-drawer-target';
import { RecordDrawer } from '../record-drawer';
import type { RecordTabContext } from '../record-tabs';
import { StateTag } from '../record-tags';
import { type RecordTypeUi, recordTypeByKey, TASK_TYPE_UI } from '../record-types';
import { journalApiPath, recordApiPath, recordKey } from '../use-record';
import { useRecordLabels } from '../use-record-labels';
import { useWorkflowLabels } from '../use-workflow';

const childListSchema = z.object({ items: z.array(childRecordSchema) });

/** Under the record's key, so whatever refreshes the record refreshes its children too. */
export const childrenKey = (type: RecordTypeUi, number: string) => [...recordKey(type, number), 'children'] as const;

function KnownState({ type, child }: { type: RecordTypeUi; child: ChildRecord }) {
  const workflow = useWorkflowLabels(type);
  return <StateTag label={workflow.state(child.state)} category={child.stateCategory} />;
}

/** A child's state by its own type's workflow labels, or by its category for a type this app does not know. */
function ChildState({ child }: { child: ChildRecord }) {
  const labels = useRecordLabels();
  const type = recordTypeByKey(child.type);
  if (type) return <KnownState type={type} child={child} />;
  return <StateTag label={labels.stateCategory(child.stateCategory)} category={child.stateCategory} />;
}

/** Records under this one (tasks under a change, child incidents); a task is added with this record as its parent. */
export function ChildrenTab({ type, record }: RecordTabContext) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const canAddTask = useCan(TASK_TYPE_UI.permissions.write);
  const adding = useDrawerTarget<'new'>();
  const children = useQuery({
    queryKey: childrenKey(type, record.number),
    queryFn: ({ signal }) => apiGet(`${recordApiPath(type, record.number)}/children`, childListSchema, { signal }),
  });
  const items = children.data?.items ?? [];

  return (
    <div data-testid="children">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary" data-testid="children-rollup">
          {t('engine.children.rollup', { open: record.children.open, total: record.children.total })}
        </Typography.Text>
        {canAddTask && (
          <Button icon={<PlusOutlined />} onClick={() => adding.open('new')} data-testid="add-child">
            {t('engine.children.add')}
          </Button>
        )}
      </Flex>
      <QueryError error={children.error} onRetry={() => void children.refetch()} />
      {children.isPending ? (
        <Spin style={{ display: 'block', margin: '16px auto' }} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('engine.children.empty')} />
      ) : (
        items.map((child) => (
          <Flex
            key={child.number}
            justify="space-between"
            align="center"
            wrap
            gap={8}
            style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}
            data-testid="child-row"
          >
            <Space wrap size={8} style={{ minWidth: 0 }}>
              <Link to={`/${child.path}/${child.number}`}>{child.number}</Link>
              <Typography.Text style={{ overflowWrap: 'anywhere' }}>{child.title}</Typography.Text>
              <ChildState child={child} />
            </Space>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[child.assigneeName ?? t('records.unassigned'), child.groupName].filter(Boolean).join(' · ')}
            </Typography.Text>
          </Flex>
        ))
      )}
      <RecordDrawer
        key={adding.key}
        type={TASK_TYPE_UI}
        target={adding.target}
        onClose={adding.close}
        preset={{ parent: record.number }}
        onCreated={() =>
          Promise.all([
            queryClient.invalidateQueries({ queryKey: recordKey(type, record.number) }),
            queryClient.invalidateQueries({ queryKey: [journalApiPath(type, record.number)] }),
          ])
        }
      />
    </div>
  );
}
