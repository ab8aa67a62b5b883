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
import { defaultColumns } from './list/list-params';
import { useListLocation } from './list/use-list-location';
import { RecordDrawer } from './record-drawer';
import { RecordFilters } from './record-filters';
import { RecordListToolbar } from './record-list-toolbar';
import { type RecordTypeUi, recordPath } from './record-types';
import { useRecordColumns } from './use-record-columns';
import { useSavedViews } from './views/use-saved-views';

/** A click on a row opens its record, except on the row's checkbox. */
const inSelectionCell = (target: EventTarget) => target instanceof Element && target.closest('.ant-table-selection-column') !== null;

/** The list of one record type: filters and sort in the URL, saved views, cursor pages; a row opens its record. */
export function RecordListPage({ type }: { type: RecordTypeUi }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canWrite = useCan(type.permissions.write);
  const { location, show, setParams } = useListLocation();
  const view = useSavedViews(type).data?.items.find((v) => v.id === location.viewId);
  const columns = location.columns ?? view?.columns ?? defaultColumns();
  const creating = useDrawerTarget<'new'>();
  const list = useCursorList(type.apiPath, { limit: 50, ...location.params }, recordSchema);
  const tableColumns = useRecordColumns(type, columns);
  // Ticked rows belong to the query they were ticked in: other filters start with none.
  const query = new URLSearchParams(location.params).toString();
  const [picked, setPicked] = useState<{ query: string; ids: number[] }>({ query, ids: [] });
  const selectedIds = picked.query === query ? picked.ids : [];
  const setSelectedIds = (ids: number[]) => setPicked({ query, ids });
  const selection = list.items.filter((r) => selectedIds.includes(r.id));

  return (
    <>
      <PageHeader
        title={t(type.labels.plural)}
        extra={
          <NewButton
            show={canWrite}
            label={t(type.labels.new)}
            onClick={() => (type.createPath ? void navigate(type.createPath) : creating.open('new'))}
            testId="new-record"
          />
        }
      />
      <Card>
        <RecordFilters type={type} params={location.params} onChange={setParams} />
        <RecordListToolbar
          type={type}
          location={location}
          columns={columns}
          show={show}
          selection={selection}
          clearSelection={() => setSelectedIds([])}
        />
        <CursorTable<RecordItem>
          list={list}
          columns={tableColumns}
          testId="records-table"
          rowClassName={() => 'keel-clickable-row'}
          rowSelection={
            canWrite
              ? {
                  selectedRowKeys: selectedIds,
                  onChange: (keys) => setSelectedIds(keys.filter((k) => typeof k === 'number')),
                  columnWidth: 48,
                }
              : undefined
          }
          onRow={(record) => ({
            onClick: (e) => {
              if (!inSelectionCell(e.target)) void navigate(recordPath(type, record.number));
            },
          })}
        />
      </Card>
      <RecordDrawer key={creating.key} type={type} target={creating.target === 'new' ? 'new' : null} onClose={creating.close} />
    </>
  );
}
