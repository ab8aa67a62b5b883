import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import type { BulkRowResult } from '@keel/shared';
import { Alert, Flex, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type RecordTypeUi, recordPath } from '../record-types';
import { useRowErrorText } from './use-bulk-update';

/** One line per record, in the order sent: done, or why not in words. */
export function BulkResults({ type, results }: { type: RecordTypeUi; results: readonly BulkRowResult[] }) {
  const { t } = useTranslation();
  const errorText = useRowErrorText(type);
  const failed = results.filter((r) => !r.ok).length;
  return (
    <div data-testid="bulk-results">
      <Alert
        type={failed === 0 ? 'success' : results.length === failed ? 'error' : 'warning'}
        showIcon
        title={t('lists.bulk.done', { ok: results.length - failed, failed })}
        style={{ marginBottom: 12 }}
      />
      <List
        size="small"
        dataSource={[...results]}
        renderItem={(row) => (
          <List.Item data-testid="bulk-result" data-ok={row.ok}>
            <Flex gap={8} align="baseline" style={{ minWidth: 0 }}>
              {row.ok ? (
                <CheckCircleFilled style={{ color: '#52c41a' }} aria-label={t('lists.bulk.ok')} />
              ) : (
                <CloseCircleFilled style={{ color: '#ff4d4f' }} aria-label={t('lists.bulk.failed')} />
              )}
              <Link to={recordPath(type, row.number)} style={{ whiteSpace: 'nowrap' }}>
                {row.number}
              </Link>
              <Typography.Text type={row.ok ? 'secondary' : 'danger'} style={{ overflowWrap: 'anywhere' }}>
                {row.ok || !row.error ? t('lists.bulk.ok') : errorText(row.error)}
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
    </div>
  );
}
