import { EditOutlined } from '@ant-design/icons';
import { type AssignmentRule, assignmentRuleSchema } from '@keel/shared';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { apiGet } from '../../../app/api';
import { useDeleteRecord } from '../../../app/use-delete-record';
import { useGroupOptions } from '../../../components/group-select';
import { DeleteButton, NewButton } from '../../../components/list-controls';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useDrawerTarget } from '../../../components/use-drawer-target';
import { useRecordLabels } from '../../records/use-record-labels';
import { useRecordTypeName } from '../record-type-select';
import { ASSIGNMENT_RULES_PATH, AssignmentRuleDrawer } from './assignment-rule-drawer';

const listSchema = z.object({ items: z.array(assignmentRuleSchema) });

/** Assignment rules in the order they are tried: conditions → group (and person). */
export function AssignmentRulesPage() {
  const { t } = useTranslation();
  const labels = useRecordLabels();
  const typeName = useRecordTypeName();
  const groups = useGroupOptions();
  const editing = useDrawerTarget<AssignmentRule | 'new'>();
  const remove = useDeleteRecord(ASSIGNMENT_RULES_PATH);
  const list = useQuery({
    queryKey: [ASSIGNMENT_RULES_PATH],
    queryFn: ({ signal }) => apiGet(ASSIGNMENT_RULES_PATH, listSchema, { signal }),
  });
  const items = list.data?.items ?? [];
  const nextPosition = items.reduce((max, r) => Math.max(max, r.position + 10), 100);
  const groupName = (id: number) => groups.options.find((g) => g.value === id)?.label ?? `#${id}`;

  const conditions = (r: AssignmentRule) => {
    const parts = [
      ...(r.category ? [`${t('incidentProcess.assignmentRules.category')}: ${r.category}`] : []),
      ...(r.serviceId ? [`${t('incidentProcess.assignmentRules.service')}: #${r.serviceId}`] : []),
      ...(r.priority ? [`${t('incidentProcess.assignmentRules.priority')}: ${labels.priority(r.priority)}`] : []),
    ];
    return parts.length === 0 ? (
      <Typography.Text type="secondary">{t('incidentProcess.assignmentRules.everything')}</Typography.Text>
    ) : (
      parts.join(' · ')
    );
  };

  const columns: TableColumnsType<AssignmentRule> = [
    { key: 'position', title: t('incidentProcess.assignmentRules.position'), dataIndex: 'position', width: 80 },
    { key: 'name', title: t('incidentProcess.assignmentRules.name'), render: (_, r) => <Typography.Text strong>{r.name}</Typography.Text> },
    { key: 'type', title: t('engine.admin.recordType'), render: (_, r) => typeName(r.recordType) },
    { key: 'conditions', title: t('incidentProcess.assignmentRules.conditions'), render: (_, r) => conditions(r) },
    { key: 'group', title: t('incidentProcess.assignmentRules.group'), render: (_, r) => groupName(r.groupId) },
    {
      key: 'active',
      title: t('incidentProcess.assignmentRules.active'),
      render: (_, r) =>
        r.active ? (
          <Tag color="green">{t('incidentProcess.assignmentRules.active')}</Tag>
        ) : (
          <Tag>{t('incidentProcess.assignmentRules.inactive')}</Tag>
        ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, r) => (
        <Space size={4}>
          <Button size="small" icon={<EditOutlined />} onClick={() => editing.open(r)}>
            {t('common.edit')}
          </Button>
          <DeleteButton onConfirm={() => remove.mutate(r.id)} />
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('incidentProcess.assignmentRules.title')}
        extra={
          <NewButton
            show
            label={t('incidentProcess.assignmentRules.new')}
            onClick={() => editing.open('new')}
            testId="new-assignment-rule"
          />
        }
      />
      <Card>
        <Typography.Paragraph type="secondary">{t('incidentProcess.assignmentRules.intro')}</Typography.Paragraph>
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
        <Table<AssignmentRule>
          rowKey="id"
          columns={columns}
          dataSource={items}
          loading={list.isLoading}
          pagination={false}
          scroll={{ x: true }}
          data-testid="assignment-rules-table"
        />
      </Card>
      <AssignmentRuleDrawer key={editing.key} target={editing.target} nextPosition={nextPosition} onClose={editing.close} />
    </>
  );
}
