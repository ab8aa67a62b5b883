import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { type ApiToken, apiTokenListSchema, type CreatedApiToken } from '@keel/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Popconfirm, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiGet, apiSendVoid } from '../../app/api';
import { useShowError } from '../../app/errors';
import { useFormatDateTime } from '../../app/format';
import { CreateTokenModal } from './create-token-modal';
import { TokenSecretModal } from './token-secret-modal';

const tokensPath = '/me/tokens';

export function ApiTokens() {
  const { t } = useTranslation();
  const formatTime = useFormatDateTime();
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const tokens = useQuery({ queryKey: [tokensPath], queryFn: ({ signal }) => apiGet(tokensPath, apiTokenListSchema, { signal }) });
  const revoke = useMutation({
    mutationFn: (id: number) => apiSendVoid('DELETE', `${tokensPath}/${id}`),
    onSuccess: async () => {
      void message.success(t('tokens.revoked'));
      await queryClient.invalidateQueries({ queryKey: [tokensPath] });
    },
    onError: (error) => showError(error),
  });

  const columns = [
    { key: 'name', title: t('tokens.name'), dataIndex: 'name' },
    {
      key: 'prefix',
      title: t('tokens.prefix'),
      render: (_: unknown, token: ApiToken) => <Typography.Text code>{token.prefix}…</Typography.Text>,
    },
    { key: 'createdAt', title: t('tokens.createdAt'), render: (_: unknown, token: ApiToken) => formatTime(token.createdAt) },
    {
      key: 'lastUsedAt',
      title: t('tokens.lastUsedAt'),
      render: (_: unknown, token: ApiToken) => (token.lastUsedAt ? formatTime(token.lastUsedAt) : t('tokens.neverUsed')),
    },
    {
      key: 'expiresAt',
      title: t('tokens.expiresAt'),
      render: (_: unknown, token: ApiToken) => (token.expiresAt ? formatTime(token.expiresAt) : t('tokens.never')),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_: unknown, token: ApiToken) => (
        <Popconfirm title={t('tokens.revokeConfirm')} onConfirm={() => revoke.mutate(token.id)}>
          <Button danger size="small" icon={<DeleteOutlined />}>
            {t('tokens.revoke')}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <Card
      title={t('tokens.title')}
      extra={
        <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-token">
          {t('tokens.create')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('tokens.intro')}</Typography.Paragraph>
      <Table<ApiToken>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={tokens.data?.items ?? []}
        loading={tokens.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('common.empty') }}
      />
      <CreateTokenModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(token) => {
          setCreating(false);
          setCreated(token);
          void queryClient.invalidateQueries({ queryKey: [tokensPath] });
        }}
      />
      <TokenSecretModal token={created} onClose={() => setCreated(null)} />
    </Card>
  );
}
