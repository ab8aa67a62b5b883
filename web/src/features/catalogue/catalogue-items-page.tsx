import { EditOutlined } from '@ant-design/icons';
import { type CatalogueItem, catalogueItemSchema } from '@keel/shared';
import { Button, Card, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/session';
import { CursorTable } from '../../components/cursor-table';
import { NewButton, SearchBox } from '../../components/list-controls';
import { NameCell } from '../../components/name-cell';
import { PageHeader } from '../../components/page-header';
import { useCursorList } from '../../components/use-cursor-list';
import { useDrawerTarget } from '../../components/use-drawer-target';
import { useServiceOptions } from '../services/use-services';
import { CatalogueItemDrawer } from './catalogue-item-drawer';

export function CatalogueItemsPage() {
  const { t } = useTranslation();
  const canManage = useCan('services.manage');
  const [q, setQ] = useState('');
  const [serviceId, setServiceId] = useState<number | undefined>(undefined);
  const services = useServiceOptions();
  const editing = useDrawerTarget<CatalogueItem | 'new'>();
  const list = useCursorList('/catalogue-items', { limit: 50, sort: 'name', q, serviceId }, catalogueItemSchema);

  const columns = [
    {
      key: 'name',
      title: t('catalogue.items.name'),
      render: (_: unknown, i: CatalogueItem) => <NameCell name={i.name} description={i.description} />,
    },
    { key: 'service', title: t('catalogue.items.service'), render: (_: unknown, i: CatalogueItem) => i.serviceName },
    { key: 'category', title: t('catalogue.items.category'), render: (_: unknown, i: CatalogueItem) => i.category ?? '' },
    {
      key: 'form',
      title: t('catalogue.items.form'),
      render: (_: unknown, i: CatalogueItem) => t('catalogue.items.fields', { count: i.form.fields.length }),
    },
    {
      key: 'approval',
      title: t('catalogue.items.approval'),
      render: (_: unknown, i: CatalogueItem) => t(`catalogue.items.approvalKinds.${i.approval.kind}`),
    },
    {
      key: 'active',
      title: t('catalogue.items.active'),
      render: (_: unknown, i: CatalogueItem) => (i.active ? <Tag color="green">✓</Tag> : <Tag>—</Tag>),
    },
    ...(canManage
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_: unknown, i: CatalogueItem) => (
              <Button size="small" icon={<EditOutlined />} onClick={() => editing.open(i)} data-testid={`edit-item-${i.id}`}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('catalogue.items.title')}
        extra={<NewButton show={canManage} label={t('catalogue.items.new')} onClick={() => editing.open('new')} testId="new-item" />}
      />
      <Typography.Paragraph type="secondary">{t('catalogue.items.intro')}</Typography.Paragraph>
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <SearchBox placeholder={t('catalogue.items.searchPlaceholder')} onSearch={setQ} />
          <Select<number | undefined>
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ minWidth: 200 }}
            placeholder={t('catalogue.items.service')}
            value={serviceId}
            onChange={setServiceId}
            options={services.options}
          />
        </Space>
        <CursorTable<CatalogueItem> list={list} columns={columns} testId="catalogue-items-table" />
      </Card>
      <CatalogueItemDrawer key={editing.key} target={editing.target} onClose={editing.close} />
    </>
  );
}
