import { SortAscendingOutlined, SortDescendingOutlined } from '@ant-design/icons';
import { RECORD_SORT_FIELDS, type RecordSortField } from '@keel/shared';
import { Button, Select, Space, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { type ListParams, parseSort, sortParam, withParams } from './list-params';

type Props = { params: ListParams; onChange: (params: ListParams) => void; width: number | string };

/** Sort by one of the API's sort fields, ascending or descending. */
export function SortSelect({ params, onChange, width }: Props) {
  const { t } = useTranslation();
  const sort = parseSort(params.sort);
  const set = (field: RecordSortField, descending: boolean) => onChange(withParams(params, { sort: sortParam({ field, descending }) }));
  const direction = sort.descending ? t('lists.sort.descending') : t('lists.sort.ascending');
  return (
    <Space.Compact style={{ width }}>
      <Select<RecordSortField>
        value={sort.field}
        options={RECORD_SORT_FIELDS.map((field) => ({ value: field, label: t(`lists.sort.${field}`) }))}
        onChange={(field) => set(field, sort.descending)}
        aria-label={t('lists.sort.label')}
        prefix={t('lists.sort.label')}
        style={{ flex: 1, minWidth: 0 }}
        data-testid="records-sort"
      />
      <Tooltip title={direction}>
        <Button
          icon={sort.descending ? <SortDescendingOutlined /> : <SortAscendingOutlined />}
          aria-label={direction}
          onClick={() => set(sort.field, !sort.descending)}
          data-testid="records-sort-direction"
        />
      </Tooltip>
    </Space.Compact>
  );
}
