import { EditOutlined, EyeOutlined } from '@ant-design/icons';
import type { Role } from '@keel/shared';
import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../../app/labels';
import { useCan } from '../../../app/session';
import { useDeleteRecord } from '../../../app/use-delete-record';
import { DeleteButton, NewButton } from '../../../components/list-controls';
import { NameCell } from '../../../components/name-cell';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useDrawerTarget } from '../../../components/use-drawer-target';
import { useRoles } from '../directory-options';
import { RoleDrawer } from './role-drawer';

export function RolesPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const canManage = useCan('roles.manage');
  const editing = useDrawerTarget<Role | 'new'>();
  const list = useRoles();
  const remove = useDeleteRecord('/roles');

  const columns = [
    {
      key: 'name',
      title: t('roles.name'),
      render: (_: unknown, role: Role) => <NameCell name={labels.role(role.key, role.name)} description={role.description} />,
    },
    {
      key: 'key',
      title: t('roles.key'),
      render: (_: unknown, role: Role) => <Typography.Text code>{role.key}</Typography.Text>,
    },
    {
      key: 'type',
      title: t('users.kind'),
      render: (_: unknown, role: Role) =>
        role.builtIn ? <Tag color="purple">{t('roles.builtInTag')}</Tag> : <Tag>{t('roles.customTag')}</Tag>,
    },
    {
      key: 'permissions',
      title: t('roles.permissions'),
      render: (_: unknown, role: Role) => t('roles.permissionCount', { count: role.permissions.length }),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_: unknown, role: Role) => (
        <Space size={4}>
          <Button size="small" icon={canManage ? <EditOutlined /> : <EyeOutlined />} onClick={() => editing.open(role)}>
            {canManage ? t('common.edit') : t('roles.permissions')}
          </Button>
          {canManage && !role.builtIn && <DeleteButton onConfirm={() => remove.mutate(role.id)} />}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('roles.title')}
        extra={<NewButton show={canManage} label={t('roles.new')} onClick={() => editing.open('new')} testId="new-role" />}
      />
      <Card>
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
        <Table<Role>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isPending}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('common.empty') }}
        />
      </Card>
      <RoleDrawer key={editing.key} target={editing.target} readOnly={!canManage} onClose={editing.close} />
    </>
  );
}
