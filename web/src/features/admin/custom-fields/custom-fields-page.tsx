import { EditOutlined } from '@ant-design/icons';
import type { CustomField } from '@keel/shared';
import { Button, Card, Flex, Popconfirm, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../app/i18n';
import { NewButton } from '../../../components/list-controls';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useDrawerTarget } from '../../../components/use-drawer-target';
import { RECORD_TYPES } from '../../records/record-types';
import { RecordTypeSelect } from '../record-type-select';
import { CustomFieldDrawer } from './custom-field-drawer';
import { useCustomFields, usePatchField } from './use-custom-fields';

/** Custom fields of one record type, active and retired, in form order. */
export function CustomFieldsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [recordType, setRecordType] = useState(RECORD_TYPES[0]?.key ?? 'task');
  const fields = useCustomFields(recordType);
  const patch = usePatchField();
  const editing = useDrawerTarget<CustomField | 'new'>();
  const items = fields.data?.items ?? [];
  const nextPosition = items.reduce((max, f) => Math.max(max, f.position + 10), 10);
  const yesNo = (value: boolean) => (value ? t('records.yes') : <Typography.Text type="secondary">{t('records.no')}</Typography.Text>);

  const columns: TableColumnsType<CustomField> = [
    { key: 'position', title: t('engine.admin.customFields.position'), dataIndex: 'position', width: 80 },
    { key: 'key', title: t('engine.admin.customFields.key'), render: (_, f) => <Typography.Text code>{f.key}</Typography.Text> },
    { key: 'label', title: t('engine.admin.customFields.label'), render: (_, f) => f.label[locale] },
    { key: 'kind', title: t('engine.admin.customFields.kind'), render: (_, f) => <Tag>{t(`engine.fieldKinds.${f.kind}`)}</Tag> },
    { key: 'required', title: t('engine.admin.customFields.required'), render: (_, f) => yesNo(f.required) },
    { key: 'indexed', title: t('engine.admin.customFields.indexed'), responsive: ['md'], render: (_, f) => yesNo(f.indexed) },
    {
      key: 'active',
      title: t('engine.admin.customFields.state'),
      render: (_, f) => (f.active ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('engine.admin.customFields.retired')}</Tag>),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, f) => (
        <Space size={4} wrap>
          <Button size="small" icon={<EditOutlined />} onClick={() => editing.open(f)} data-testid="edit-custom-field">
            {t('common.edit')}
          </Button>
          {f.active ? (
            <Popconfirm
              title={t('engine.admin.customFields.retireConfirm')}
              onConfirm={() => patch.mutate({ field: f, patch: { active: false } })}
            >
              <Button size="small" danger data-testid="retire-custom-field">
                {t('engine.admin.customFields.retire')}
              </Button>
            </Popconfirm>
          ) : (
            <Button size="small" onClick={() => patch.mutate({ field: f, patch: { active: true } })} data-testid="restore-custom-field">
              {t('engine.admin.customFields.restore')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('engine.admin.customFields.title')}
        extra={<NewButton show label={t('engine.admin.customFields.new')} onClick={() => editing.open('new')} testId="new-custom-field" />}
      />
      <Card>
        <Flex wrap gap={12} align="center" style={{ marginBottom: 16 }}>
          <RecordTypeSelect value={recordType} onChange={setRecordType} />
          <Typography.Text type="secondary" style={{ flex: '1 1 300px' }}>
            {t('engine.admin.customFields.intro')}
          </Typography.Text>
        </Flex>
        <QueryError error={fields.error} onRetry={() => void fields.refetch()} />
        <Table<CustomField>
          rowKey="id"
          columns={columns}
          dataSource={items}
          loading={fields.isPending}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('common.empty') }}
          rowClassName={(f) => (f.active ? '' : 'keel-muted-row')}
          data-testid="custom-fields-table"
        />
      </Card>
      <CustomFieldDrawer
        key={editing.key}
        recordType={recordType}
        target={editing.target}
        nextPosition={nextPosition}
        onClose={editing.close}
      />
    </>
  );
}
