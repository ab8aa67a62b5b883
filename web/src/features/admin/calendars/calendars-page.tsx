import { ClockCircleOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { type Calendar, calendarSchema } from '@keel/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Popconfirm, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiSendVoid } from '../../../app/api';
import { useShowError } from '../../../app/errors';
import { useCan } from '../../../app/session';
import { CursorTable } from '../../../components/cursor-table';
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
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const remove = useMutation({
    mutationFn: (id: number) => apiSendVoid('DELETE', `/calendars/${id}`),
    onSuccess: async () => {
      void message.success(t('common.deleted'));
      await queryClient.invalidateQueries({ queryKey: ['/calendars'] });
    },
    onError: (error) => showError(error),
  });

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
              <Popconfirm title={t('common.deleteConfirm')} onConfirm={() => remove.mutate(c.id)}>
                <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
              </Popconfirm>
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
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => editing.open('new')} data-testid="new-calendar">
              {t('calendars.new')}
            </Button>
          )
        }
      />
      <Card>
        <Input.Search
          allowClear
          placeholder={t('calendars.searchPlaceholder')}
          onSearch={(value) => setQ(value.trim())}
          style={{ width: 260, marginBottom: 16 }}
        />
        <CursorTable<Calendar> list={list} columns={columns} testId="calendars-table" />
      </Card>
      <CalendarDrawer key={editing.key} target={editing.target} onClose={editing.close} />
      <DueCheck calendar={checking} onClose={() => setChecking(null)} />
    </>
  );
}
