import { FilterOutlined } from '@ant-design/icons';
import { STATE_CATEGORIES } from '@keel/shared';
import { Badge, Button, Flex, Input, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/session';
import { useIsPhone } from '../../app/use-is-phone';
import { GroupSelect } from '../../components/group-select';
import { DateRangeFilter } from './list/date-range-filter';
import { filterCount, type ListParams, listValues, withParams } from './list/list-params';
import { PersonFilter } from './list/person-filter';
import { SortSelect } from './list/sort-select';
import type { RecordTypeUi } from './record-types';
import { useRecordLabels } from './use-record-labels';
import { useWorkflowLabels } from './use-workflow';

const PRIORITIES = [1, 2, 3, 4, 5];
/** Filters behind "more": the panel opens by itself when a link or view uses one. */
const MORE = ['state', 'groupId', 'groupId.empty', 'requesterId', 'requesterId.empty', 'category', 'openedAt', 'updatedAt'];
const isMore = (name: string) => MORE.some((m) => name === m || name.startsWith(`${m}.`));

type Props = { type: RecordTypeUi; params: ListParams; onChange: (params: ListParams) => void };

/** The API's filter catalogue as controls; every change is a new list query (and URL). */
export function RecordFilters({ type, params, onChange }: Props) {
  const { t } = useTranslation();
  const labels = useRecordLabels();
  const workflow = useWorkflowLabels(type);
  const canListGroups = useCan('groups.read');
  const isPhone = useIsPhone();
  const moreInUse = Object.keys(params).filter(isMore).length;
  const [showMore, setShowMore] = useState(moreInUse > 0);
  // On a phone every filter takes the full width, one under the other.
  const width = (desktop: number) => (isPhone ? '100%' : desktop);
  const set = (name: string, value: string | readonly (string | number)[] | undefined) => onChange(withParams(params, { [name]: value }));
  const multi = (name: string) => listValues(params, name);

  return (
    <div style={{ marginBottom: 16 }} data-testid="record-filters">
      <Flex wrap gap={8}>
        <Input.Search
          key={params.q ?? ''}
          allowClear
          defaultValue={params.q}
          placeholder={t('records.searchPlaceholder')}
          onSearch={(q) => set('q', q.trim() || undefined)}
          style={{ width: width(200) }}
          data-testid="records-search"
        />
        <Select<string[]>
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          placeholder={t('lists.fields.stateCategory')}
          aria-label={t('lists.fields.stateCategory')}
          value={multi('stateCategory')}
          options={STATE_CATEGORIES.map((c) => ({ value: c, label: labels.stateCategory(c) }))}
          onChange={(values) => set('stateCategory', values)}
          style={{ width: width(150) }}
          data-testid="filter-stateCategory"
        />
        <Select<string[]>
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          placeholder={t('lists.fields.priority')}
          aria-label={t('lists.fields.priority')}
          value={multi('priority')}
          options={PRIORITIES.map((p) => ({ value: String(p), label: labels.priority(p) }))}
          onChange={(values) => set('priority', values)}
          style={{ width: width(150) }}
          data-testid="filter-priority"
        />
        <PersonFilter
          name="assigneeId"
          params={params}
          onChange={onChange}
          placeholder={t('lists.fields.assigneeId')}
          nobodyLabel={t('records.unassigned')}
          width={width(160)}
        />
        <SortSelect params={params} onChange={onChange} width={width(190)} />
        <Badge count={moreInUse} size="small">
          <Button icon={<FilterOutlined />} onClick={() => setShowMore(!showMore)} aria-expanded={showMore} data-testid="more-filters">
            {t('lists.filters.more')}
          </Button>
        </Badge>
        {filterCount(params) > 0 && (
          <Button type="link" onClick={() => onChange(withParams({}, { sort: params.sort }))} data-testid="clear-filters">
            {t('lists.filters.clear')}
          </Button>
        )}
      </Flex>
      {showMore && (
        <Flex wrap gap={8} style={{ marginTop: 8 }} data-testid="more-filters-panel">
          <Select<string[]>
            mode="multiple"
            allowClear
            maxTagCount="responsive"
            placeholder={t('lists.fields.state')}
            aria-label={t('lists.fields.state')}
            value={multi('state')}
            options={workflow.states.map((s) => ({ value: s.key, label: workflow.state(s.key) }))}
            onChange={(values) => set('state', values)}
            style={{ width: width(200) }}
            data-testid="filter-state"
          />
          {canListGroups && (
            <GroupSelect
              placeholder={t('lists.fields.groupId')}
              style={{ width: width(200) }}
              value={Number(params.groupId) || null}
              onChange={(groupId) => set('groupId', groupId === null ? undefined : String(groupId))}
              testId="filter-groupId"
            />
          )}
          <PersonFilter
            name="requesterId"
            params={params}
            onChange={onChange}
            placeholder={t('lists.fields.requesterId')}
            width={width(200)}
          />
          <Input.Search
            key={params.category ?? ''}
            allowClear
            defaultValue={listValues(params, 'category')[0]}
            placeholder={t('lists.fields.category')}
            aria-label={t('lists.fields.category')}
            onSearch={(category) => set('category', category.trim() ? [category.trim()] : undefined)}
            style={{ width: width(200) }}
            data-testid="filter-category"
          />
          <DateRangeFilter
            name="openedAt"
            params={params}
            onChange={onChange}
            label={t('lists.fields.openedAt')}
            placeholder={[t('lists.filters.from', { field: t('lists.fields.openedAt') }), t('lists.filters.to')]}
            width={width(280)}
          />
          <DateRangeFilter
            name="updatedAt"
            params={params}
            onChange={onChange}
            label={t('lists.fields.updatedAt')}
            placeholder={[t('lists.filters.from', { field: t('lists.fields.updatedAt') }), t('lists.filters.to')]}
            width={width(280)}
          />
        </Flex>
      )}
    </div>
  );
}
