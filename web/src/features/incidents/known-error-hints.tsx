import { knownErrorSuggestionsSchema } from '@keel/shared';
import { useQuery } from '@tanstack/react-query';
import { Alert, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiGet, withQuery } from '../../app/api';
import { useCan } from '../../app/session';
import { useDebounced } from '../../components/use-debounced';

/** While the title is typed, known errors that may match (from problem management); nothing when there are none. */
export function KnownErrorHints({ title }: { title: string }) {
  const { t } = useTranslation();
  const canRead = useCan('incidents.read');
  const q = useDebounced(title.trim(), 400);
  const found = useQuery({
    queryKey: ['/known-errors/suggest', q],
    queryFn: ({ signal }) => apiGet(withQuery('/known-errors/suggest', { q }), knownErrorSuggestionsSchema, { signal }),
    enabled: canRead && q.length >= 3 && q.length <= 200,
    staleTime: 60_000,
  });
  const items = found.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('incidentProcess.knownErrors.title')}
      description={
        <List
          size="small"
          dataSource={items}
          renderItem={(s) => (
            <List.Item>
              <Typography.Text>
                <Typography.Text strong>{s.number}</Typography.Text> {s.title}
                {s.workaround && (
                  <Typography.Text type="secondary">
                    {' '}
                    — {t('incidentProcess.knownErrors.workaround')}: {s.workaround}
                  </Typography.Text>
                )}
              </Typography.Text>
            </List.Item>
          )}
        />
      }
      data-testid="known-error-hints"
    />
  );
}
