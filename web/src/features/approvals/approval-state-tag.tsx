import type { ApprovalState } from '@keel/shared';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const COLORS: Record<ApprovalState, string> = {
  waiting: 'default',
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
  cancelled: 'default',
};

export function ApprovalStateTag({ state }: { state: ApprovalState }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[state]} data-testid="approval-state">
      {t(`engine.approvalStates.${state}`)}
    </Tag>
  );
}
