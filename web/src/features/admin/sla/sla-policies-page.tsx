import { EditOutlined } from '@ant-design/icons';
import { type SlaPolicy, slaPolicySchema } from '@keel/shared';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { apiGet } from '../../../app/api';
import { useLocale } from '../../../app/i18n';
import { useCan } from '../../../app/session';
import { useGroupOptions } from '../../../components/group-select';
import { NewButton } from '../../../components/list-controls';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useDrawerTarget } from '../../../components/use-drawer-target';
import { RECORD_TYPES } from '../../records/record-types';
import { useRecordLabels } from '../../records/use-record-labels';
import { useOrganisationOptions } from '../directory-options';
import { useRecordTypeName } from '../record-type-select';
import { SLA_POLICIES_PATH, SlaPolicyDrawer } from './sla-policy-drawer';
import { PRIORITY_KEYS } from './sla-values';
import { useCalendarOptions } from './use-sla-options';

const listSchema = z.object({ items: z.array(slaPolicySchema) });

/** SLA policies in the order they are tried, each with where it applies and its targets in minutes per priority. */
export function SlaPoliciesPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useRecordLabels();
  const canManage = useCan('sla.manage');
  const typeName = useRecordTypeName();
  const calendars = useCalendarOptions();
  const groups = useGroupOptions();
  const organisations = useOrganisationOptions();
  const editing = useDrawerTarget<SlaPolicy | 'new'>();
  const list = useQuery({ queryKey: [SLA_POLICIES_PATH], queryFn: ({ signal }) => apiGet(SLA_POLICIES_PATH, listSchema, { signal }) });
  const items = list.data?.items ?? [];
  const nextPosition = items.reduce((max, p) => Math.max(max, p.position + 10), 100);
  const groupName = (id: number) => groups.options.find((g) => g.value === id)?.label ?? `#${id}`;
  const orgName = (id: number) => organisations.organisations.find((o) => o.id === id)?.name ?? `#${id}`;
  const minutes = (n: number) => t('engine.admin.sla.minutes', { minutes: n });

  const conditions = (p: SlaPolicy) => {
    const c = p.conditions;
    const parts = [
      ...(c.priorities?.length ? [`${t('engine.admin.sla.priorities')}: ${c.priorities.map((n) => `P${n}`).join(', ')}`] : []),
      ...(c.categories?.length ? [`${t('engine.admin.sla.categories')}: ${c.categories.join(', ')}`] : []),
      ...(c.groupIds?.length ? [`${t('engine.admin.sla.groups')}: ${c.groupIds.map(groupName).join(', ')}`] : []),
      ...(c.organisationIds?.length ? [`${t('engine.admin.sla.organisations')}: ${c.organisationIds.map(orgName).join(', ')}`] : []),
    ];
    return parts.length === 0 ? <Typography.Text type="secondary">{t('engine.admin.sla.everything')}</Typography.Text> : parts.join(' · ');
  };

  const columns: TableColumnsType<SlaPolicy> = [
    { key: 'position', title: t('engine.admin.sla.position'), dataIndex: 'position', width: 70 },
    { key: 'name', title: t('engine.admin.sla.name'), render: (_, p) => <Typography.Text strong>{p.name}</Typography.Text> },
    { key: 'type', title: t('engine.admin.recordType'), render: (_, p) => typeName(p.recordType) },
    { key: 'conditions', title: t('engine.admin.sla.conditions'), render: (_, p) => conditions(p) },
    {
      key: 'calendar',
      title: t('engine.admin.sla.calendar'),
      responsive: ['md'],
      render: (_, p) => (p.calendarId === null ? t('engine.admin.sla.aroundTheClock') : calendars.name(p.calendarId)),
    },
    {
      key: 'targets',
      title: t('engine.admin.sla.targets'),
      render: (_, p) =>
        p.targets.map((target) => (
          <div key={target.key} data-testid="sla-target-summary">
            <Typography.Text strong>{target.label[locale]}</Typography.Text>{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[
                ...PRIORITY_KEYS.flatMap((k) => {
                  const m = target.minutesByPriority[k];
                  return m === undefined ? [] : [`P${k} ${minutes(m)}`];
                }),
                ...(target.defaultMinutes === null ? [] : [`${t('engine.admin.sla.defaultMinutes')} ${minutes(target.defaultMinutes)}`]),
              ].join(' · ')}
            </Typography.Text>
          </div>
        )),
    },
    {
      key: 'pauseOn',
      title: t('engine.admin.sla.pauseOn'),
      responsive: ['lg'],
      render: (_, p) => p.pauseOn.map((c) => <Tag key={c}>{labels.stateCategory(c)}</Tag>),
    },
    { key: 'warnAt', title: t('engine.admin.sla.warnAt'), responsive: ['lg'], render: (_, p) => p.warnAt.map((n) => `${n}%`).join(', ') },
    {
      key: 'active',
      title: t('engine.admin.sla.active'),
      render: (_, p) => (p.active ? <Tag color="green">{t('engine.admin.sla.active')}</Tag> : <Tag>{t('engine.admin.sla.inactive')}</Tag>),
    },
    ...(canManage
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_: unknown, p: SlaPolicy) => (
              <Button size="small" icon={<EditOutlined />} onClick={() => editing.open(p)} data-testid="edit-sla-policy">
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
        title={t('engine.admin.sla.title')}
        extra={<NewButton show={canManage} label={t('engine.admin.sla.new')} onClick={() => editing.open('new')} testId="new-sla-policy" />}
      />
      <Card>
        <Typography.Paragraph type="secondary">{t('engine.admin.sla.intro')}</Typography.Paragraph>
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
        <Table<SlaPolicy>
          rowKey="id"
          columns={columns}
          dataSource={items}
          loading={list.isPending}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('common.empty') }}
          rowClassName={(p) => (p.active ? '' : 'keel-muted-row')}
          data-testid="sla-policies-table"
        />
      </Card>
      <SlaPolicyDrawer
        key={editing.key}
        target={editing.target}
        recordType={RECORD_TYPES[0]?.key ?? 'task'}
        nextPosition={nextPosition}
        onClose={editing.close}
      />
    </>
  );
}
