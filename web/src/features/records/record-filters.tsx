import { STATE_CATEGORIES, type StateCategory } from '@keel/shared';
import { Flex, Input, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/session';
import { useIsPhone } from '../../app/use-is-phone';
import { GroupSelect } from '../../components/group-select';
import { UserSelect } from '../../components/user-select';
import { useRecordLabels } from './use-record-labels';

export const RECORD_SORTS = ['-number', 'number', '-updatedAt', 'updatedAt'] as const;
export type RecordSort = (typeof RECORD_SORTS)[number];

/** Exactly the filters GET /<type> takes, so a view is a query string the server understands. */
export type RecordFilterValues = {
  q?: string;
  stateCategory?: StateCategory;
  groupId?: number;
  assigneeId?: number;
  sort: RecordSort;
};

export const DEFAULT_RECORD_FILTERS: RecordFilterValues = { sort: '-number' };

const SORT_LABELS = {
  '-number': 'records.sorts.newest',
  number: 'records.sorts.oldest',
  '-updatedAt': 'records.sorts.recentlyUpdated',
  updatedAt: 'records.sorts.leastRecentlyUpdated',
} as const;

export function RecordFilters({ onChange }: { onChange: (filters: RecordFilterValues) => void }) {
  const { t } = useTranslation();
  const labels = useRecordLabels();
  const canFindPeople = useCan('users.read');
  const canListGroups = useCan('groups.read');
  const isPhone = useIsPhone();
  const [filters, setFilters] = useState<RecordFilterValues>(DEFAULT_RECORD_FILTERS);
  // On a phone every filter takes the full width, one under the other.
  const width = (desktop: number) => (isPhone ? '100%' : desktop);
  const update = (patch: Partial<RecordFilterValues>) => {
    const next = { ...filters, ...patch };
    setFilters(next);
    onChange(next);
  };

  return (
    <Flex wrap gap={8} style={{ marginBottom: 16 }}>
      <Input.Search
        allowClear
        placeholder={t('records.searchPlaceholder')}
        onSearch={(q) => update({ q: q.trim() || undefined })}
        style={{ width: width(240) }}
        data-testid="records-search"
      />
      <Select<StateCategory>
        allowClear
        placeholder={t('records.anyState')}
        style={{ width: width(150) }}
        options={STATE_CATEGORIES.map((c) => ({ value: c, label: labels.stateCategory(c) }))}
        onChange={(stateCategory) => update({ stateCategory })}
        data-testid="records-state-filter"
      />
      {canListGroups && (
        <GroupSelect
          placeholder={t('records.anyGroup')}
          style={{ width: width(180) }}
          value={filters.groupId ?? null}
          onChange={(groupId) => update({ groupId: groupId ?? undefined })}
        />
      )}
      {canFindPeople && (
        <div style={{ width: width(200) }}>
          <UserSelect
            placeholder={t('records.anyAssignee')}
            value={filters.assigneeId ?? null}
            onChange={(assigneeId) => update({ assigneeId: assigneeId ?? undefined })}
          />
        </div>
      )}
      <Select<RecordSort>
        style={{ width: width(170) }}
        value={filters.sort}
        options={RECORD_SORTS.map((sort) => ({ value: sort, label: t(SORT_LABELS[sort]) }))}
        onChange={(sort) => update({ sort })}
        aria-label={t('records.sort')}
        data-testid="records-sort"
      />
    </Flex>
  );
}
