import type { RecordItem } from '@keel/shared';
import { Form, type FormInstance, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../app/session';
import { GroupSelect } from '../../../components/group-select';
import { UserSelect } from '../../../components/user-select';
import type { RecordTypeUi } from '../record-types';
import { useRecordLabels } from '../use-record-labels';
import { useWorkflowLabels } from '../use-workflow';
import type { BulkChange } from './use-bulk-update';

/** Empty fields stay as they are on every record. */
export type BulkValues = {
  assigneeId?: number | null;
  groupId?: number | null;
  impact?: number;
  urgency?: number;
  category?: string;
  action?: string;
};

export function changeOf(values: BulkValues): BulkChange | null {
  const patch = {
    ...(values.assigneeId ? { assigneeId: values.assigneeId } : {}),
    ...(values.groupId ? { groupId: values.groupId } : {}),
    ...(values.impact ? { impact: values.impact } : {}),
    ...(values.urgency ? { urgency: values.urgency } : {}),
    ...(values.category?.trim() ? { category: values.category.trim() } : {}),
  };
  const hasPatch = Object.keys(patch).length > 0;
  if (!hasPatch && !values.action) return null;
  return { ...(hasPatch ? { patch } : {}), ...(values.action ? { action: values.action } : {}) };
}

type Props = {
  type: RecordTypeUi;
  records: readonly RecordItem[];
  form: FormInstance<BulkValues>;
  onFinish: (values: BulkValues) => void;
};

/** What to change on every ticked record; the workflow actions offered are those any of them allows. */
export function BulkForm({ type, records, form, onFinish }: Props) {
  const { t } = useTranslation();
  const labels = useRecordLabels();
  const workflow = useWorkflowLabels(type);
  const canFindPeople = useCan('users.read');
  const actions = [...new Set(records.flatMap((r) => r.actions))];
  const levels = [1, 2, 3].map((n) => ({ value: n, label: labels.level(n) }));
  return (
    <Form<BulkValues> form={form} layout="vertical" onFinish={onFinish} data-testid="bulk-form">
      <Typography.Paragraph type="secondary">{t('lists.bulk.hint')}</Typography.Paragraph>
      {canFindPeople && (
        <Form.Item name="assigneeId" label={t('records.assignee')}>
          <UserSelect kind="staff" testId="bulk-assignee" />
        </Form.Item>
      )}
      <Form.Item name="groupId" label={t('records.group')}>
        <GroupSelect testId="bulk-group" />
      </Form.Item>
      <Form.Item name="impact" label={t('records.impact')}>
        <Select allowClear options={levels} data-testid="bulk-impact" />
      </Form.Item>
      <Form.Item name="urgency" label={t('records.urgency')}>
        <Select allowClear options={levels} data-testid="bulk-urgency" />
      </Form.Item>
      <Form.Item name="category" label={t('records.category')} rules={[{ max: 100, message: t('form.tooLong', { max: 100 }) }]}>
        <Input maxLength={100} data-testid="bulk-category" />
      </Form.Item>
      {actions.length > 0 && (
        <Form.Item name="action" label={t('lists.bulk.action')} extra={t('lists.bulk.actionHint')}>
          <Select allowClear options={actions.map((a) => ({ value: a, label: workflow.action(a) }))} data-testid="bulk-action" />
        </Form.Item>
      )}
    </Form>
  );
}
