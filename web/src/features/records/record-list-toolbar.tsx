import type { RecordColumn, RecordItem } from '@keel/shared';
import { Flex } from 'antd';
import type { ReactNode } from 'react';
import { BulkButton } from './bulk/bulk-button';
import { ExportMenu } from './list/export-menu';
import type { ListLocation } from './list/list-params';
import type { RecordTypeUi } from './record-types';
import { ColumnChooser } from './views/column-chooser';
import { ViewPicker } from './views/view-picker';

export type RecordListContext = {
  type: RecordTypeUi;
  /** What the list shows: filters, sort, saved view and chosen columns, as in the URL. */
  location: ListLocation;
  /** The columns in force: the URL's, else the view's, else the defaults. */
  columns: readonly RecordColumn[];
  /** Show something else: another view, other columns. */
  show: (next: ListLocation) => void;
  /** Rows ticked in the list, as last loaded. */
  selection: readonly RecordItem[];
  clearSelection: () => void;
};

/** Something the list's toolbar offers for the current view: saved views, bulk actions, export … */
export type RecordListToolbarItem = { key: string; render: (ctx: RecordListContext) => ReactNode };

export const RECORD_LIST_TOOLBAR: readonly RecordListToolbarItem[] = [
  { key: 'views', render: (ctx) => <ViewPicker {...ctx} /> },
  { key: 'columns', render: (ctx) => <ColumnChooser {...ctx} /> },
  { key: 'export', render: (ctx) => <ExportMenu {...ctx} /> },
  { key: 'bulk', render: (ctx) => <BulkButton {...ctx} /> },
];

export function RecordListToolbar(ctx: RecordListContext) {
  if (RECORD_LIST_TOOLBAR.length === 0) return null;
  return (
    <Flex wrap gap={8} align="center" style={{ marginBottom: 16 }} data-testid="record-list-toolbar">
      {RECORD_LIST_TOOLBAR.map((item) => (
        <span key={item.key} style={{ display: 'contents' }}>
          {item.render(ctx)}
        </span>
      ))}
    </Flex>
  );
}
