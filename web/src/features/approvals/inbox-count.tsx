import { Badge } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApprovalInbox } from './use-approvals';

/** The number of approvals waiting, beside the menu entry (the inbox lists at most 100). */
export function InboxCount() {
  const { t } = useTranslation();
  const count = useApprovalInbox().data?.items.length ?? 0;
  if (count === 0) return null;
  return (
    <Badge
      count={count}
      overflowCount={99}
      size="small"
      style={{ marginInlineStart: 8 }}
      title={t('engine.inbox.count', { count })}
      data-testid="inbox-count"
    />
  );
}
