import { groupSchema, pageSchema } from '@keel/shared';
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { apiGet, withQuery } from '../app/api';
import { useCan } from '../app/session';

// Support groups are few (tens, not thousands): one page holds them all.
const GROUP_LIMIT = 200;

export function useGroupOptions() {
  const allowed = useCan('groups.read');
  const query = useQuery({
    queryKey: ['/groups', { limit: GROUP_LIMIT, sort: 'name' }],
    queryFn: ({ signal }) => apiGet(withQuery('/groups', { limit: GROUP_LIMIT, sort: 'name' }), pageSchema(groupSchema), { signal }),
    enabled: allowed,
    staleTime: 60_000,
  });
  return {
    loading: allowed && query.isPending,
    options: (query.data?.items ?? []).map((g) => ({ value: g.id, label: g.name })),
  };
}

type Props = {
  id?: string;
  value?: number | null;
  onChange?: (value: number | null) => void;
  /** The current group's name, for a caller who may not list groups. */
  knownName?: string | null;
  placeholder?: string;
  testId?: string;
  style?: CSSProperties;
};

export function GroupSelect({ id, value, onChange, knownName, placeholder, testId, style }: Props) {
  const { t } = useTranslation();
  const groups = useGroupOptions();
  const options =
    value && knownName && !groups.options.some((o) => o.value === value)
      ? [...groups.options, { value, label: knownName }]
      : groups.options;
  return (
    <Select<number | null>
      id={id}
      allowClear
      value={value ?? null}
      onChange={(next) => onChange?.(next ?? null)}
      options={options}
      loading={groups.loading}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={placeholder}
      notFoundContent={t('common.empty')}
      data-testid={testId}
      style={{ width: '100%', ...style }}
    />
  );
}

/** Several groups at once, e.g. approvers or an SLA policy's groups. */
export function GroupMultiSelect({
  id,
  value,
  onChange,
  testId,
}: Pick<Props, 'id' | 'testId'> & { value?: number[]; onChange?: (value: number[]) => void }) {
  const { t } = useTranslation();
  const groups = useGroupOptions();
  // A chosen group this caller cannot list still shows, by id.
  const known = new Set(groups.options.map((o) => o.value));
  const options = [...groups.options, ...(value ?? []).filter((v) => !known.has(v)).map((v) => ({ value: v, label: `#${v}` }))];
  return (
    <Select<number[]>
      id={id}
      mode="multiple"
      allowClear
      value={value ?? []}
      onChange={(next) => onChange?.(next)}
      options={options}
      loading={groups.loading}
      showSearch={{ optionFilterProp: 'label' }}
      notFoundContent={t('common.empty')}
      data-testid={testId}
      style={{ width: '100%' }}
    />
  );
}
