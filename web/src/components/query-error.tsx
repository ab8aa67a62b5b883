import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../app/errors';

/** A failed load, in the catalogue's words, with a retry. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={t('app.loadFailed')}
      description={errorText(error)}
      action={
        <Button size="small" onClick={onRetry}>
          {t('app.retry')}
        </Button>
      }
      style={{ marginBottom: 16 }}
      data-testid="query-error"
    />
  );
}
