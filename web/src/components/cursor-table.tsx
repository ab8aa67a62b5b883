import { Table, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { LoadMore } from './load-more';
import { QueryError } from './query-error';

/** What a cursor table needs of useCursorList's result. */
export type CursorListState<T> = {
  items: T[];
  error: unknown;
  isPending: boolean;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  refetch: () => Promise<unknown>;
  fetchNextPage: () => Promise<unknown>;
};

type Props<T> = {
  list: CursorListState<T>;
  columns: TableProps<T>['columns'];
  size?: TableProps<T>['size'];
  emptyText?: string;
  testId?: string;
  /** Row props, e.g. a click that opens the row's record. */
  onRow?: TableProps<T>['onRow'];
  /** A class per row, e.g. to show that rows open on click. */
  rowClassName?: TableProps<T>['rowClassName'];
  /** Checkboxes for acting on several rows at once. */
  rowSelection?: TableProps<T>['rowSelection'];
};

/**
 * antd reads a row's `children` as nested rows; API items use that name for other things (a
 * record's roll-up of child records), and no list here is a tree.
 */
const NOT_A_TREE = { childrenColumnName: '__noNestedRows' };

/** Every server-paginated list looks and behaves the same: load error, table, "load more". */
export function CursorTable<T extends { id: number }>({
  list,
  columns,
  size,
  emptyText,
  testId,
  onRow,
  rowClassName,
  rowSelection,
}: Props<T>) {
  const { t } = useTranslation();
  return (
    <>
      <QueryError error={list.error} onRetry={() => void list.refetch()} />
      <Table<T>
        rowKey="id"
        size={size}
        columns={columns}
        dataSource={list.items}
        loading={list.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
        expandable={NOT_A_TREE}
        locale={{ emptyText: emptyText ?? t('common.empty') }}
        data-testid={testId}
        onRow={onRow}
        rowClassName={rowClassName}
        rowSelection={rowSelection}
      />
      <LoadMore
        count={list.items.length}
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onLoadMore={() => void list.fetchNextPage()}
      />
    </>
  );
}
