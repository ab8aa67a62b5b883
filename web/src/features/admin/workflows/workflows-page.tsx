import { Card, Collapse, Flex, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { RECORD_TYPES } from '../../records/record-types';
import { RecordTypeSelect } from '../record-type-select';
import { useWorkflowDocument } from './use-workflow-document';
import { WorkflowDiagram } from './workflow-diagram';
import { WorkflowEditor } from './workflow-editor';
import { WorkflowTables } from './workflow-tables';

/** The workflow in force for a record type: as a diagram, as tables, and as JSON to edit. */
export function WorkflowsPage() {
  const { t } = useTranslation();
  const [recordType, setRecordType] = useState(RECORD_TYPES[0]?.key ?? 'task');
  const query = useWorkflowDocument(recordType);
  const doc = query.data;

  return (
    <>
      <PageHeader title={t('engine.admin.workflows.title')} />
      <Card style={{ marginBottom: 16 }}>
        <Flex wrap gap={12} align="center">
          <RecordTypeSelect value={recordType} onChange={setRecordType} />
          {doc && (
            <Tag color={doc.isDefault ? 'default' : 'blue'} data-testid="workflow-version">
              {doc.isDefault ? t('engine.admin.workflows.shipped') : t('engine.admin.workflows.edited', { version: doc.version })}
            </Tag>
          )}
          <Typography.Text type="secondary" style={{ flex: '1 1 300px' }}>
            {t('engine.admin.workflows.intro')}
          </Typography.Text>
        </Flex>
      </Card>
      <QueryError error={query.error} onRetry={() => void query.refetch()} />
      {query.isPending && <Spin style={{ display: 'block', marginTop: 48 }} />}
      {doc && (
        <>
          <Card size="small" title={t('engine.admin.workflows.diagram')} style={{ marginBottom: 16 }}>
            <WorkflowDiagram workflow={doc.workflow} />
          </Card>
          <Card size="small" style={{ marginBottom: 16 }}>
            <WorkflowTables workflow={doc.workflow} />
          </Card>
          <Collapse
            items={[
              {
                key: 'editor',
                label: t('engine.admin.workflows.editor'),
                // A fresh draft whenever a new version arrives (saved, reset or reloaded).
                children: <WorkflowEditor key={`${doc.recordType}:${query.dataUpdatedAt}`} doc={doc} />,
              },
            ]}
            data-testid="workflow-editor-panel"
          />
        </>
      )}
    </>
  );
}
