import { EditOutlined } from '@ant-design/icons';
import { type Group, groupSchema } from '@keel/shared';
import { Button, Card, Space } from 'antd';
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
import { GroupDrawer } from './group-drawer';

export function GroupsPage() {
  const { t } = useTranslation();
  const canManage = useCan('groups.manage');
  const [q, setQ] = useState('');
  const editing = useDrawerTarget<Group | 'new'>();
  const list = useCursorList('/groups', { limit: 50, sort: 'name', q }, groupSchema);
  const remove = useDeleteRecord('/groups');

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
                <DeleteButton onConfirm={() => remove.mutate(g.id)} />
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
        extra={<NewButton show={canManage} label={t('groups.new')} onClick={() => editing.open('new')} testId="new-group" />}
      />
      <Card>
        <SearchBox placeholder={t('groups.searchPlaceholder')} onSearch={setQ} />
        <CursorTable<Group> list={list} columns={columns} testId="groups-table" />
      </Card>
      <GroupDrawer key={editing.key} target={editing.target} onClose={editing.close} />
    </>
  );
}
