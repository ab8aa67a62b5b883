import { SafetyCertificateOutlined } from '@ant-design/icons';
import { auditVerifyResultSchema } from '@keel/shared';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiSend } from '../../../app/api';
import { useErrorText } from '../../../app/errors';

export function useVerifyChain() {
  return useMutation({ mutationFn: () => apiSend('POST', '/audit/verify', auditVerifyResultSchema) });
}

export function VerifyButton({ verify }: { verify: ReturnType<typeof useVerifyChain> }) {
  const { t } = useTranslation();
  return (
    <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()} data-testid="verify-chain">
      {t('audit.verify')}
    </Button>
  );
}

/** The verdict of the last verification: green with the count, or red naming the first bad event. */
export function VerifyResult({ verify }: { verify: ReturnType<typeof useVerifyChain> }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  if (verify.isError) {
    return <Alert type="error" showIcon title={errorText(verify.error)} style={{ marginBottom: 16 }} />;
  }
  const result = verify.data;
  if (!result) return null;
  if (result.ok) {
    return (
      <Alert
        type="success"
        showIcon
        title={t('audit.verifyOk', { count: result.checked })}
        style={{ marginBottom: 16 }}
        data-testid="verify-result"
      />
    );
  }
  const reason = result.reason ?? '';
  return (
    <Alert
      type="error"
      showIcon
      title={result.firstBadId === null ? t('audit.verifyBadNoId', { reason }) : t('audit.verifyBad', { id: result.firstBadId, reason })}
      style={{ marginBottom: 16 }}
      data-testid="verify-result"
    />
  );
}
