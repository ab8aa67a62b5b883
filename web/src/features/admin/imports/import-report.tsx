import type { ImportProblem, ImportReport } from '@keel/shared';
import { Alert, Descriptions, Table } from 'antd';
import { useTranslation } from 'react-i18next';

/** What a run found and did; bad rows listed with their line, column and reason. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const n = (value: number) => value.toLocaleString();
  return (
    <div data-testid="import-report">
      {report.ok ? (
        <Alert
          type={report.dryRun ? 'info' : 'success'}
          showIcon
          message={report.dryRun ? t('imports.report.dryRun') : t('imports.report.done')}
        />
      ) : (
        <Alert
          type="error"
          showIcon
          message={t('imports.report.rejected', { count: Math.max(report.rejectedRows, report.problems.length) })}
        />
      )}
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }} style={{ marginTop: 12 }}>
        <Descriptions.Item label={t('imports.report.rows')}>{n(report.rows)}</Descriptions.Item>
        <Descriptions.Item label={t('imports.report.cases')}>{n(report.cases)}</Descriptions.Item>
        <Descriptions.Item label={t('imports.report.rejectedRows')}>{n(report.rejectedRows)}</Descriptions.Item>
        <Descriptions.Item label={t('imports.report.seconds')}>{(report.ms / 1000).toFixed(1)}</Descriptions.Item>
        {report.ok && (
          <>
            <Descriptions.Item label={t('imports.report.created')}>{n(report.created)}</Descriptions.Item>
            <Descriptions.Item label={t('imports.report.updated')}>{n(report.updated)}</Descriptions.Item>
            <Descriptions.Item label={t('imports.report.unchanged')}>{n(report.unchanged)}</Descriptions.Item>
            <Descriptions.Item label={t('imports.report.journalEntries')}>{n(report.journalEntries)}</Descriptions.Item>
            <Descriptions.Item label={t('imports.report.people')}>{n(report.people)}</Descriptions.Item>
            <Descriptions.Item label={t('imports.report.groups')}>{n(report.groups)}</Descriptions.Item>
          </>
        )}
      </Descriptions>
      {report.problems.length > 0 && (
        <>
          {report.rejectedRows > report.problems.length && (
            <Alert type="warning" message={t('imports.report.more', { shown: report.problems.length, count: report.rejectedRows })} />
          )}
          <Table<ImportProblem>
            size="small"
            rowKey={(p) => `${p.line}:${p.column ?? ''}:${p.message}`}
            dataSource={report.problems}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            data-testid="import-problems"
            columns={[
              { title: t('imports.report.line'), dataIndex: 'line', width: 90 },
              { title: t('imports.report.column'), dataIndex: 'column', width: 180 },
              { title: t('imports.report.problem'), key: 'problem', render: (_, p) => t(`imports.problems.${p.code}`, p.params) },
            ]}
          />
        </>
      )}
    </div>
  );
}
