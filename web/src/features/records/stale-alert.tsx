import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';

/** Shown after a 412: someone else saved first; reloading shows their version. */
export function StaleAlert({ onReload, reloading }: { onReload: () => void; reloading: boolean }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="warning"
      showIcon
      title={t('records.staleTitle')}
      description={t('records.staleDetail')}
      action={
        <Button size="small" type="primary" loading={reloading} onClick={onReload} data-testid="reload-record">
          {t('records.reload')}
        </Button>
      }
      style={{ marginBottom: 16 }}
      data-testid="stale-alert"
    />
  );
}
