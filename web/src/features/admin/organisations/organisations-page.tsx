import { EditOutlined, TeamOutlined } from '@ant-design/icons';
import { type Organisation, organisationSchema } from '@keel/shared';
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
import { useOrganisationOptions } from '../directory-options';
import { OrganisationDrawer } from './organisation-drawer';
import { OrganisationPeople } from './organisation-people';

export function OrganisationsPage() {
  const { t } = useTranslation();
  const canManage = useCan('organisations.manage');
  const [q, setQ] = useState('');
  const editing = useDrawerTarget<Organisation | 'new'>();
  const [people, setPeople] = useState<Organisation | null>(null);
  const list = useCursorList('/organisations', { limit: 50, sort: 'name', q }, organisationSchema);
  const { organisations } = useOrganisationOptions();
  const nameOf = (id: number | null) => organisations.find((o) => o.id === id)?.name ?? (id ? `#${id}` : '');
  const remove = useDeleteRecord('/organisations');

  const columns = [
    {
      key: 'name',
      title: t('organisations.name'),
      render: (_: unknown, o: Organisation) => <NameCell name={o.name} description={o.description} />,
    },
    { key: 'code', title: t('organisations.code'), dataIndex: 'code' },
    { key: 'parent', title: t('organisations.parent'), render: (_: unknown, o: Organisation) => nameOf(o.parentId) },
    {
      key: 'status',
      title: t('common.status'),
      render: (_: unknown, o: Organisation) => (
        <Tag color={o.active ? 'green' : 'default'}>{o.active ? t('common.active') : t('common.inactive')}</Tag>
      ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_: unknown, o: Organisation) => (
        <Space size={4} wrap>
          <Button size="small" icon={<TeamOutlined />} onClick={() => setPeople(o)}>
            {t('organisations.people')}
          </Button>
          {canManage && (
            <>
              <Button size="small" icon={<EditOutlined />} onClick={() => editing.open(o)}>
                {t('common.edit')}
              </Button>
              <DeleteButton onConfirm={() => remove.mutate(o.id)} />
            </>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('organisations.title')}
        extra={<NewButton show={canManage} label={t('organisations.new')} onClick={() => editing.open('new')} testId="new-organisation" />}
      />
      <Card>
        <SearchBox placeholder={t('organisations.searchPlaceholder')} onSearch={setQ} />
        <CursorTable<Organisation> list={list} columns={columns} />
      </Card>
      <OrganisationDrawer key={editing.key} target={editing.target} onClose={editing.close} />
      <OrganisationPeople organisation={people} onClose={() => setPeople(null)} />
    </>
  );
}
