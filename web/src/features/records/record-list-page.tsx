import { type RecordItem, recordSchema } from '@keel/shared';
import { Card } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCan } from '../../app/session';
import { CursorTable } from '../../components/cursor-table';
import { NewButton } from '../../components/list-controls';
import { PageHeader } from '../../components/page-header';
import { useCursorList } from '../../components/use-cursor-list';
import { useDrawerTarget } from '../../components/use-drawer-target';
import { RecordDrawer } from './record-drawer';
import { DEFAULT_RECORD_FILTERS, RecordFilters, type RecordFilterValues } from './record-filters';
import { RecordListToolbar } from './record-list-toolbar';
import { type RecordTypeUi, recordPath } from './record-types';
import { useRecordColumns } from './use-record-columns';

/** The list of one record type: filters, sort, cursor pages; a row opens its record. */
export function RecordListPage({ type }: { type: RecordTypeUi }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canWrite = useCan(type.permissions.write);
  const [filters, setFilters] = useState<RecordFilterValues>(DEFAULT_RECORD_FILTERS);
  const creating = useDrawerTarget<'new'>();
  const list = useCursorList(type.apiPath, { limit: 50, ...filters }, recordSchema);
  const columns = useRecordColumns(type);

  return (
    <>
      <PageHeader
        title={t(type.labels.plural)}
        extra={<NewButton show={canWrite} label={t(type.labels.new)} onClick={() => creating.open('new')} testId="new-record" />}
      />
      <Card>
        <RecordFilters onChange={setFilters} />
        <RecordListToolbar type={type} filters={filters} />
        <CursorTable<RecordItem>
          list={list}
          columns={columns}
          testId="records-table"
          rowClassName={() => 'keel-clickable-row'}
          onRow={(record) => ({ onClick: () => void navigate(recordPath(type, record.number)) })}
        />
      </Card>
      <RecordDrawer key={creating.key} type={type} target={creating.target === 'new' ? 'new' : null} onClose={creating.close} />
    </>
  );
}
