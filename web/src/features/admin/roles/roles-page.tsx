import { DeleteOutlined, EditOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import type { Role } from '@keel/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiSendVoid } from '../../../app/api';
import { useShowError } from '../../../app/errors';
import { useLabels } from '../../../app/labels';
import { useCan } from '../../../app/session';
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
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const remove = useMutation({
    mutationFn: (id: number) => apiSendVoid('DELETE', `/roles/${id}`),
    onSuccess: async () => {
      void message.success(t('common.deleted'));
      await queryClient.invalidateQueries({ queryKey: ['/roles'] });
    },
    onError: (error) => showError(error),
  });

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
          {canManage && !role.builtIn && (
            <Popconfirm title={t('common.deleteConfirm')} onConfirm={() => remove.mutate(role.id)}>
              <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('roles.title')}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => editing.open('new')} data-testid="new-role">
              {t('roles.new')}
            </Button>
          )
        }
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
