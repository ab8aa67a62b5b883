import { UploadOutlined } from '@ant-design/icons';
import { type ImportMapping, type ImportReport, importMappingSchema } from '@keel/shared';
import { Alert, App, Button, Card, Collapse, Flex, Form, Input, Select, Steps, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { RECORD_TYPES } from '../../records/record-types';
import { ColumnTable } from './column-table';
import { ImportReportView } from './import-report';
import { headerOf, readFileStart } from './read-header';
import { useRunImport, useShippedMappings } from './use-imports';

/** Pick a mapping and a log, check the columns, dry-run, then import (docs/import.md). */
export function ImportsPage() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const mappings = useShippedMappings();
  const run = useRunImport();
  const [mapping, setMapping] = useState<ImportMapping | null>(null);
  const [json, setJson] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [header, setHeader] = useState<string[]>([]);
  const [unreadable, setUnreadable] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);

  const applyMapping = (next: ImportMapping) => {
    setMapping(next);
    setJson(JSON.stringify(next, null, 2));
    setReport(null);
  };
  const editJson = (text: string) => {
    setJson(text);
    setReport(null);
    try {
      const parsed = importMappingSchema.safeParse(JSON.parse(text));
      if (parsed.success) setMapping(parsed.data);
    } catch {
      // Shown below: the table keeps the last valid mapping.
    }
  };
  const jsonValid = (() => {
    try {
      return importMappingSchema.safeParse(JSON.parse(json)).success;
    } catch {
      return false;
    }
  })();
  const chooseFile = async (chosen: File) => {
    setFile(chosen);
    setReport(null);
    try {
      const cells = headerOf(await readFileStart(chosen), mapping?.format.delimiter ?? ',');
      setHeader(cells);
      setUnreadable(cells.length < 2);
    } catch {
      setHeader([]);
      setUnreadable(true);
    }
  };
  const start = async (dryRun: boolean) => {
    if (!file || !mapping) return;
    setReport(await run.mutateAsync({ file, mapping, dryRun }));
  };
  const typeLabel = (key: string) => {
    const type = RECORD_TYPES.find((r) => r.key === key);
    return type ? t(type.labels.plural) : key;
  };
  const confirmImport = () => {
    if (!mapping || !report) return;
    modal.confirm({
      title: t('imports.importConfirm', { cases: report.cases.toLocaleString(), type: typeLabel(mapping.recordType) }),
      onOk: () => start(false),
    });
  };
  const checked = report?.ok === true && report.dryRun;
  const step = !mapping || !file ? 0 : !checked && !report?.ok ? 1 : 2;

  return (
    <>
      <PageHeader title={t('imports.title')} />
      <Card style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t('imports.intro')}</Typography.Paragraph>
        <Steps
          size="small"
          current={step}
          items={[{ title: t('imports.stepColumns') }, { title: t('imports.stepCheck') }, { title: t('imports.stepImport') }]}
          style={{ marginBottom: 16 }}
        />
        <QueryError error={mappings.error} onRetry={() => void mappings.refetch()} />
        <Form layout="vertical">
          <Flex wrap gap={16}>
            <Form.Item label={t('imports.mapping')} extra={t('imports.mappingHelp')} style={{ flex: '1 1 320px' }}>
              <Select<string>
                data-testid="import-mapping"
                loading={mappings.isPending}
                value={mapping?.name}
                options={(mappings.data?.items ?? []).map((m) => ({ value: m.name, label: `${m.label} → ${typeLabel(m.recordType)}` }))}
                onChange={(name) => {
                  const found = mappings.data?.items.find((m) => m.name === name);
                  if (found) applyMapping(found.mapping);
                }}
              />
            </Form.Item>
            <Form.Item label={t('imports.file')} style={{ flex: '1 1 320px' }}>
              <Upload
                accept=".csv,.gz,.txt,text/csv,application/gzip"
                maxCount={1}
                showUploadList={false}
                beforeUpload={(chosen) => {
                  void chooseFile(chosen);
                  return false;
                }}
              >
                <Button icon={<UploadOutlined />} data-testid="import-file">
                  {file ? file.name : t('imports.chooseFile')}
                </Button>
              </Upload>
              {file && header.length > 1 && (
                <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
                  {t('imports.fileRead', { name: file.name, count: header.length })}
                </Typography.Text>
              )}
              {unreadable && <Alert type="warning" showIcon message={t('imports.fileUnreadable')} style={{ marginTop: 8 }} />}
            </Form.Item>
          </Flex>
        </Form>
      </Card>

      {mapping && (
        <Card size="small" title={t('imports.stepColumns')} style={{ marginBottom: 16 }}>
          <ColumnTable mapping={mapping} header={header} onChange={applyMapping} />
          <Collapse
            style={{ marginTop: 12 }}
            items={[
              {
                key: 'json',
                label: t('imports.json'),
                children: (
                  <>
                    <Input.TextArea
                      value={json}
                      onChange={(e) => editJson(e.target.value)}
                      autoSize={{ minRows: 8, maxRows: 30 }}
                      style={{ fontFamily: 'monospace', fontSize: 12 }}
                      data-testid="import-json"
                    />
                    {!jsonValid && <Alert type="warning" showIcon message={t('imports.jsonInvalid')} style={{ marginTop: 8 }} />}
                  </>
                ),
              },
            ]}
          />
        </Card>
      )}

      <Card size="small" title={t('imports.report.title')}>
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Button
            onClick={() => void start(true)}
            disabled={!mapping || !file || !jsonValid}
            loading={run.isPending}
            data-testid="import-dry-run"
          >
            {t('imports.dryRun')}
          </Button>
          <Button type="primary" onClick={confirmImport} disabled={!checked || run.isPending} data-testid="import-run">
            {t('imports.import')}
          </Button>
          {!checked && <Typography.Text type="secondary">{t('imports.needDryRun')}</Typography.Text>}
        </Flex>
        {report && <ImportReportView report={report} />}
      </Card>
    </>
  );
}
