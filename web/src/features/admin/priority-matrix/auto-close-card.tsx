import { autoCloseSettingViewSchema } from '@keel/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, InputNumber, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiGetVersioned, apiSend } from '../../../app/api';
import { useShowError } from '../../../app/errors';
import { useCan } from '../../../app/session';
import { QueryError } from '../../../components/query-error';

const PATH = '/settings/incident-auto-close';

/** How many calendar days a resolved incident waits for the customer before it closes by itself. */
export function AutoCloseCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const canEdit = useCan('records.configure');
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: [PATH], queryFn: ({ signal }) => apiGetVersioned(PATH, autoCloseSettingViewSchema, { signal }) });
  const [draft, setDraft] = useState<number | null>(null);
  const days = draft ?? query.data?.data.days ?? null;
  const save = useMutation({
    mutationFn: (value: number) => apiSend('PUT', PATH, autoCloseSettingViewSchema, { body: { days: value }, etag: query.data?.etag }),
    onSuccess: async () => {
      void message.success(t('common.saved'));
      setDraft(null);
      await queryClient.invalidateQueries({ queryKey: [PATH] });
    },
    onError: async (error) => {
      showError(error);
      await queryClient.invalidateQueries({ queryKey: [PATH] });
    },
  });
  return (
    <Card title={t('incidentProcess.autoClose.title')} style={{ marginTop: 16 }}>
      <QueryError error={query.error} onRetry={() => void query.refetch()} />
      <Typography.Paragraph type="secondary">{t('incidentProcess.autoClose.intro')}</Typography.Paragraph>
      <Flex gap={8} align="center" wrap>
        <InputNumber<number>
          min={1}
          max={30}
          precision={0}
          value={days}
          disabled={!canEdit}
          onChange={(v) => setDraft(v)}
          suffix={t('incidentProcess.autoClose.days')}
          data-testid="auto-close-days"
        />
        {canEdit && (
          <Button type="primary" disabled={draft === null} loading={save.isPending} onClick={() => draft !== null && save.mutate(draft)}>
            {t('common.save')}
          </Button>
        )}
      </Flex>
    </Card>
  );
}
