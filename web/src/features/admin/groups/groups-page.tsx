import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { type Group, groupSchema } from '@keel/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Popconfirm, Space } from 'antd';
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
import { GroupDrawer } from './group-drawer';

export function GroupsPage() {
  const { t } = useTranslation();
  const canManage = useCan('groups.manage');
  const [q, setQ] = useState('');
  const editing = useDrawerTarget<Group | 'new'>();
  const list = useCursorList('/groups', { limit: 50, sort: 'name', q }, groupSchema);
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const remove = useMutation({
    mutationFn: (id: number) => apiSendVoid('DELETE', `/groups/${id}`),
    onSuccess: async () => {
      void message.success(t('common.deleted'));
      await queryClient.invalidateQueries({ queryKey: ['/groups'] });
    },
    onError: (error) => showError(error),
  });

  const columns = [
    {
      key: 'name',
      title: t('groups.name'),
      render: (_: unknown, g: Group) => <NameCell name={g.name} description={g.description} />,
    },
    { key: 'email', title: t('groups.email'), render: (_: unknown, g: Group) => g.email ?? '' },
    { key: 'lead', title: t('groups.lead'), render: (_: unknown, g: Group) => g.leadName ?? t('groups.noLead') },
    {
      key: 'members',
      title: t('groups.members'),
      render: (_: unknown, g: Group) => t('groups.memberCount', { count: g.memberIds.length }),
    },
    ...(canManage
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_: unknown, g: Group) => (
              <Space size={4}>
                <Button size="small" icon={<EditOutlined />} onClick={() => editing.open(g)}>
                  {t('common.edit')}
                </Button>
                <Popconfirm title={t('common.deleteConfirm')} onConfirm={() => remove.mutate(g.id)}>
                  <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('groups.title')}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => editing.open('new')} data-testid="new-group">
              {t('groups.new')}
            </Button>
          )
        }
      />
      <Card>
        <Input.Search
          allowClear
          placeholder={t('groups.searchPlaceholder')}
          onSearch={(value) => setQ(value.trim())}
          style={{ width: 260, marginBottom: 16 }}
        />
        <CursorTable<Group> list={list} columns={columns} testId="groups-table" />
      </Card>
      <GroupDrawer key={editing.key} target={editing.target} onClose={editing.close} />
    </>
  );
}
