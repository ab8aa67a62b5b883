import { EditOutlined } from '@ant-design/icons';
import { SERVICE_STATUSES, type Service, type ServiceStatus, serviceSchema } from '@keel/shared';
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
import { ServiceDrawer } from './service-drawer';

const STATUS_COLOURS: Record<ServiceStatus, string> = { pipeline: 'blue', live: 'green', retired: 'default' };

export function ServiceStatusTag({ status }: { status: ServiceStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOURS[status]}>{t(`catalogue.services.statuses.${status}`)}</Tag>;
}

export function ServicesPage() {
  const { t } = useTranslation();
  const canManage = useCan('services.manage');
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<ServiceStatus | undefined>(undefined);
  const editing = useDrawerTarget<Service | 'new'>();
  const list = useCursorList('/services', { limit: 50, sort: 'name', q, status }, serviceSchema);

  const columns = [
    {
      key: 'name',
      title: t('catalogue.services.name'),
      render: (_: unknown, s: Service) => <NameCell name={s.name} description={s.description} />,
    },
    { key: 'status', title: t('catalogue.services.status'), render: (_: unknown, s: Service) => <ServiceStatusTag status={s.status} /> },
    {
      key: 'owner',
      title: t('catalogue.services.owner'),
      render: (_: unknown, s: Service) => s.ownerName ?? t('catalogue.services.noOwner'),
    },
    {
      key: 'offerings',
      title: t('catalogue.services.offerings'),
      render: (_: unknown, s: Service) => s.offerings.filter((o) => o.active).map((o) => <Tag key={o.id}>{o.name}</Tag>),
    },
    ...(canManage
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_: unknown, s: Service) => (
              <Button size="small" icon={<EditOutlined />} onClick={() => editing.open(s)} data-testid={`edit-service-${s.id}`}>
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
        title={t('catalogue.services.title')}
        extra={<NewButton show={canManage} label={t('catalogue.services.new')} onClick={() => editing.open('new')} testId="new-service" />}
      />
      <Typography.Paragraph type="secondary">{t('catalogue.services.intro')}</Typography.Paragraph>
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <SearchBox placeholder={t('catalogue.services.searchPlaceholder')} onSearch={setQ} />
          <Select<ServiceStatus | undefined>
            allowClear
            style={{ minWidth: 160 }}
            placeholder={t('catalogue.services.anyStatus')}
            value={status}
            onChange={setStatus}
            options={SERVICE_STATUSES.map((s) => ({ value: s, label: t(`catalogue.services.statuses.${s}`) }))}
          />
        </Space>
        <CursorTable<Service> list={list} columns={columns} testId="services-table" />
      </Card>
      <ServiceDrawer key={editing.key} target={editing.target} onClose={editing.close} />
    </>
  );
}
