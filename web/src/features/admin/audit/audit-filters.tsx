import { SearchOutlined } from '@ant-design/icons';
import { AUDIT_ACTIONS } from '@keel/shared';
import { Button, DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { dayBoundary } from '../../../app/dates';
import { OBJECT_TYPES, useLabels } from '../../../app/labels';
import { useMe } from '../../../app/session';
import { UserSelect } from '../../../components/user-select';

export type AuditFilterValues = {
  action?: string;
  objectType?: string;
  objectId?: string;
  actorId?: number;
  from?: string;
  to?: string;
};

type FormValues = {
  action?: string;
  objectType?: string;
  objectId?: string;
  actorId?: number | null;
  range?: [Dayjs | null, Dayjs | null] | null;
};

export function AuditFilters({ onChange }: { onChange: (filters: AuditFilterValues) => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const me = useMe();
  const [form] = Form.useForm<FormValues>();

  const apply = (values: FormValues) => {
    const [start, end] = values.range ?? [null, null];
    onChange({
      action: values.action,
      objectType: values.objectType,
      objectId: values.objectId?.trim() || undefined,
      actorId: values.actorId ?? undefined,
      // Days are the user's days: midnight in their time zone, not the browser's.
      from: start ? dayBoundary(start, me.timeZone, 'start') : undefined,
      to: end ? dayBoundary(end, me.timeZone, 'end') : undefined,
    });
  };

  return (
    <Form<FormValues> form={form} layout="inline" onFinish={apply} style={{ rowGap: 12, marginBottom: 16 }}>
      <Form.Item name="action">
        <Select
          allowClear
          placeholder={t('audit.anyAction')}
          style={{ width: 200 }}
          options={AUDIT_ACTIONS.map((action) => ({ value: action, label: labels.action(action) }))}
          showSearch={{ optionFilterProp: 'label' }}
          data-testid="audit-action-filter"
        />
      </Form.Item>
      <Form.Item name="objectType">
        <Select
          allowClear
          placeholder={t('audit.objectType')}
          style={{ width: 150 }}
          options={OBJECT_TYPES.map((type) => ({ value: type, label: labels.objectType(type) }))}
        />
      </Form.Item>
      <Form.Item name="objectId">
        <Input allowClear placeholder={t('audit.objectId')} style={{ width: 130 }} />
      </Form.Item>
      <Form.Item name="actorId" style={{ width: 200 }}>
        <UserSelect placeholder={t('audit.anyActor')} />
      </Form.Item>
      <Form.Item name="range">
        <DatePicker.RangePicker allowEmpty={[true, true]} placeholder={[t('audit.from'), t('audit.to')]} />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
          {t('common.search')}
        </Button>
      </Form.Item>
      <Form.Item>
        <Button
          onClick={() => {
            form.resetFields();
            apply({});
          }}
        >
          {t('common.reset')}
        </Button>
      </Form.Item>
    </Form>
  );
}
