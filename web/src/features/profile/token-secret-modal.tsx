import type { CreatedApiToken } from '@keel/shared';
import { Alert, Button, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Shows a new token's secret exactly once; closing it forgets the secret. */
export function TokenSecretModal({ token, onClose }: { token: CreatedApiToken | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={token !== null}
      title={t('tokens.createdTitle')}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('tokens.done')}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={t('tokens.secretWarning')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph
        code
        copyable={{ text: token?.token ?? '', tooltips: [t('common.copy'), t('common.copied')] }}
        style={{ wordBreak: 'break-all' }}
        data-testid="token-secret"
      >
        {token?.token}
      </Typography.Paragraph>
    </Modal>
  );
}
