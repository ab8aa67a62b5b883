import { Space } from 'antd';
import type { ReactNode } from 'react';
import type { RecordFilterValues } from './record-filters';
import type { RecordTypeUi } from './record-types';

export type RecordListContext = { type: RecordTypeUi; filters: RecordFilterValues };

/** Something the list's toolbar offers for the current view: saved views, bulk actions, export … */
export type RecordListToolbarItem = { key: string; render: (ctx: RecordListContext) => ReactNode };

/** Empty for now: saved views, bulk actions and export each arrive as one entry here. */
export const RECORD_LIST_TOOLBAR: readonly RecordListToolbarItem[] = [];

export function RecordListToolbar(ctx: RecordListContext) {
  if (RECORD_LIST_TOOLBAR.length === 0) return null;
  return (
    <Space wrap style={{ marginBottom: 16 }} data-testid="record-list-toolbar">
      {RECORD_LIST_TOOLBAR.map((item) => (
        <span key={item.key}>{item.render(ctx)}</span>
      ))}
    </Space>
  );
}
