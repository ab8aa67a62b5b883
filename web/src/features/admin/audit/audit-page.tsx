import { DownloadOutlined } from '@ant-design/icons';
import { type AuditEvent, auditEventSchema } from '@keel/shared';
import { Button, Card, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { withQuery } from '../../../app/api';
import { useFormatDateTime } from '../../../app/format';
import { useLabels } from '../../../app/labels';
import { useCan } from '../../../app/session';
import { CursorTable } from '../../../components/cursor-table';
import { PageHeader } from '../../../components/page-header';
import { useCursorList } from '../../../components/use-cursor-list';
import { AuditChangesText } from './audit-changes';
import { AuditFilters, type AuditFilterValues } from './audit-filters';
import { useVerifyChain, VerifyButton, VerifyResult } from './audit-verify';

export function AuditPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const formatTime = useFormatDateTime();
  const canExport = useCan('audit.export');
  const canVerify = useCan('audit.verify');
  const verify = useVerifyChain();
  const [filters, setFilters] = useState<AuditFilterValues>({});
  const list = useCursorList('/audit/events', { limit: 50, ...filters }, auditEventSchema);
  // A plain GET download with the same filters; the browser sends the session cookie.
  const exportHref = (format: 'csv' | 'xlsx') => `/api/v1${withQuery('/audit/export', { format, ...filters })}`;

  const columns = [
    {
      key: 'at',
      title: t('audit.time'),
      render: (_: unknown, e: AuditEvent) => <span style={{ whiteSpace: 'nowrap' }}>{formatTime(e.at)}</span>,
    },
    { key: 'actor', title: t('audit.actor'), render: (_: unknown, e: AuditEvent) => e.actorName ?? t('audit.system') },
    {
      key: 'action',
      title: t('audit.action'),
      render: (_: unknown, e: AuditEvent) => (
        <>
          <div>{labels.action(e.action)}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="audit-action-code">
            {e.action}
          </Typography.Text>
        </>
      ),
    },
    {
      key: 'object',
      title: t('audit.object'),
      render: (_: unknown, e: AuditEvent) => (
        <>
          <div>{e.objectLabel ?? e.objectId ?? ''}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {labels.objectType(e.objectType)}
            {e.objectId ? ` #${e.objectId}` : ''}
          </Typography.Text>
        </>
      ),
    },
    { key: 'changes', title: t('audit.changes'), render: (_: unknown, e: AuditEvent) => <AuditChangesText changes={e.changes} /> },
    { key: 'ip', title: t('audit.ip'), render: (_: unknown, e: AuditEvent) => e.ip ?? '' },
    {
      key: 'requestId',
      title: t('audit.requestId'),
      render: (_: unknown, e: AuditEvent) =>
        e.requestId ? (
          <Typography.Text code copyable style={{ fontSize: 12 }}>
            {e.requestId}
          </Typography.Text>
        ) : (
          ''
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        extra={
          <>
            {canExport && (
              <>
                <Button icon={<DownloadOutlined />} href={exportHref('csv')} data-testid="export-csv">
                  {t('audit.exportCsv')}
                </Button>
                <Button icon={<DownloadOutlined />} href={exportHref('xlsx')} data-testid="export-xlsx">
                  {t('audit.exportExcel')}
                </Button>
              </>
            )}
            {canVerify && <VerifyButton verify={verify} />}
          </>
        }
      />
      <VerifyResult verify={verify} />
      <Card>
        <AuditFilters onChange={setFilters} />
        <CursorTable<AuditEvent> list={list} columns={columns} size="small" testId="audit-table" />
      </Card>
    </>
  );
}
