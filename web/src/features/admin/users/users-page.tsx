import { EditOutlined } from '@ant-design/icons';
import { type User, userSchema } from '@keel/shared';
import { Button, Card, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime } from '../../../app/format';
import { useLabels } from '../../../app/labels';
import { useCan } from '../../../app/session';
import { CursorTable } from '../../../components/cursor-table';
import { NewButton } from '../../../components/list-controls';
import { PageHeader } from '../../../components/page-header';
import { useCursorList } from '../../../components/use-cursor-list';
import { useDrawerTarget } from '../../../components/use-drawer-target';
import { UserDrawer } from './user-drawer';
import { UserFilters, type UserFilterValues } from './user-filters';

export function UsersPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const formatTime = useFormatDateTime();
  const canManage = useCan('users.manage');
  const [filters, setFilters] = useState<UserFilterValues>({});
  const editing = useDrawerTarget<number | 'new'>();
  const list = useCursorList('/users', { limit: 50, sort: 'username', ...filters }, userSchema);

  const columns = [
    {
      key: 'username',
      title: t('users.username'),
      render: (_: unknown, user: User) =>
        canManage ? (
          <Button type="link" style={{ padding: 0 }} onClick={() => editing.open(user.id)}>
            {user.username}
          </Button>
        ) : (
          user.username
        ),
    },
    { key: 'displayName', title: t('users.displayName'), dataIndex: 'displayName' },
    { key: 'email', title: t('users.email'), render: (_: unknown, user: User) => user.email ?? '' },
    {
      key: 'kind',
      title: t('users.kind'),
      render: (_: unknown, user: User) => <Tag color={user.kind === 'staff' ? 'geekblue' : 'gold'}>{t(`users.kinds.${user.kind}`)}</Tag>,
    },
    { key: 'organisation', title: t('users.organisation'), render: (_: unknown, user: User) => user.organisationName ?? '' },
    {
      key: 'roles',
      title: t('users.roles'),
      render: (_: unknown, user: User) => user.roles.map((role) => <Tag key={role}>{labels.role(role)}</Tag>),
    },
    {
      key: 'status',
      title: t('common.status'),
      render: (_: unknown, user: User) => (
        <Space size={4}>
          <Tag color={user.active ? 'green' : 'default'}>{user.active ? t('common.active') : t('common.inactive')}</Tag>
          {user.lockedUntil && Date.parse(user.lockedUntil) > Date.now() && <Tag color="red">{t('users.lockedTag')}</Tag>}
        </Space>
      ),
    },
    { key: 'createdAt', title: t('users.createdAt'), render: (_: unknown, user: User) => formatTime(user.createdAt) },
    ...(canManage
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_: unknown, user: User) => (
              <Button size="small" icon={<EditOutlined />} onClick={() => editing.open(user.id)} aria-label={t('common.edit')}>
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
        title={t('users.title')}
        extra={<NewButton show={canManage} label={t('users.new')} onClick={() => editing.open('new')} testId="new-user" />}
      />
      <Card>
        <UserFilters onChange={setFilters} />
        <CursorTable<User> list={list} columns={columns} testId="users-table" />
      </Card>
      <UserDrawer key={editing.key} target={editing.target} onClose={editing.close} />
    </>
  );
}
