import { ClockCircleOutlined, EditOutlined } from '@ant-design/icons';
import { type Calendar, calendarSchema } from '@keel/shared';
import { Button, Card, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../app/session';
import { useDeleteRecord } from '../../../app/use-delete-record';
import { CursorTable } from '../../../components/cursor-table';
import { DeleteButton, NewButton, SearchBox } from '../../../components/list-controls';
import { NameCell } from '../../../components/name-cell';
import { PageHeader } from '../../../components/page-header';
import { useCursorList } from '../../../components/use-cursor-list';
import { useDrawerTarget } from '../../../components/use-drawer-target';
import { CalendarDrawer } from './calendar-drawer';
import { formatPeriods } from './calendar-text';
import { DueCheck } from './due-check';

export function CalendarsPage() {
  const { t } = useTranslation();
  const canManage = useCan('calendars.manage');
  const [q, setQ] = useState('');
  const [checking, setChecking] = useState<Calendar | null>(null);
  const editing = useDrawerTarget<Calendar | 'new'>();
  const list = useCursorList('/calendars', { limit: 50, q }, calendarSchema);
  const remove = useDeleteRecord('/calendars');

  const columns = [
    {
      key: 'name',
      title: t('calendars.name'),
      render: (_: unknown, c: Calendar) => <NameCell name={c.name} description={c.description} />,
    },
    { key: 'zone', title: t('calendars.timeZone'), render: (_: unknown, c: Calendar) => c.definition.timeZone },
    {
      key: 'monday',
      title: t('calendars.weekdays.mon'),
      render: (_: unknown, c: Calendar) => formatPeriods(c.definition.weekly[0] ?? []) || t('calendars.closed'),
    },
    {
      key: 'region',
      title: t('calendars.statutoryRegion'),
      render: (_: unknown, c: Calendar) => <Tag>{t(`calendars.regions.${c.statutoryRegion ?? 'none'}`)}</Tag>,
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_: unknown, c: Calendar) => (
        <Space size={4}>
          <Button size="small" icon={<ClockCircleOutlined />} onClick={() => setChecking(c)} data-testid="open-due-check">
            {t('calendars.check')}
          </Button>
          {canManage && (
            <>
              <Button size="small" icon={<EditOutlined />} onClick={() => editing.open(c)}>
                {t('common.edit')}
              </Button>
              <DeleteButton onConfirm={() => remove.mutate(c.id)} />
            </>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('calendars.title')}
        extra={<NewButton show={canManage} label={t('calendars.new')} onClick={() => editing.open('new')} testId="new-calendar" />}
      />
      <Card>
        <SearchBox placeholder={t('calendars.searchPlaceholder')} onSearch={setQ} />
        <CursorTable<Calendar> list={list} columns={columns} testId="calendars-table" />
      </Card>
      <CalendarDrawer key={editing.key} target={editing.target} onClose={editing.close} />
      <DueCheck calendar={checking} onClose={() => setChecking(null)} />
    </>
  );
}
