import { pageSchema, userSchema } from '@keel/shared';
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiGet, withQuery } from '../../../app/api';
import { useCan } from '../../../app/session';
import { useDebounced } from '../../../components/use-debounced';
import { userOption } from '../../../components/user-select';
import { type ListParams, withParams } from './list-params';

const ME = 'me';
const NOBODY = 'nobody';

type Props = {
  /** assigneeId or requesterId: `=me`, `=<id>`, or `.empty=true` for nobody. */
  name: 'assigneeId' | 'requesterId';
  params: ListParams;
  onChange: (params: ListParams) => void;
  placeholder: string;
  /** The label of "nobody", for fields that may be empty (an unassigned record). */
  nobodyLabel?: string;
  width: number | string;
};

function currentValue(name: string, params: ListParams): string | null {
  if (params[`${name}.empty`] === 'true') return NOBODY;
  return params[name] ?? null;
}

/** "Me", "nobody" or a person found by name: one filter over one id field. */
export function PersonFilter({ name, params, onChange, placeholder, nobodyLabel, width }: Props) {
  const { t } = useTranslation();
  const canFind = useCan('users.read');
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const value = currentValue(name, params);
  const chosenId = value && /^\d+$/.test(value) ? value : null;
  const found = useQuery({
    queryKey: ['/users', { q, limit: 20, active: true }],
    queryFn: ({ signal }) =>
      apiGet(withQuery('/users', { q, limit: 20, sort: 'displayName', active: true }), pageSchema(userSchema), { signal }),
    enabled: canFind,
  });
  // A bookmarked list names a person by id: fetch their name once.
  const chosen = useQuery({
    queryKey: ['/users', chosenId],
    queryFn: ({ signal }) => apiGet(`/users/${chosenId}`, userSchema, { signal }),
    enabled: canFind && chosenId !== null,
    staleTime: 5 * 60_000,
  });
  const people = [...(found.data?.items ?? [])];
  if (chosen.data && !people.some((u) => u.id === chosen.data.id)) people.unshift(chosen.data);
  const options = [
    { value: ME, label: t('lists.operators.me') },
    ...(nobodyLabel ? [{ value: NOBODY, label: nobodyLabel }] : []),
    ...people.map((u) => ({ value: String(u.id), label: userOption(u).label })),
  ];
  const change = (next: string | null) => {
    setSearch('');
    const id = next === null || next === NOBODY ? undefined : next;
    onChange(withParams(params, { [name]: id, [`${name}.empty`]: next === NOBODY ? 'true' : undefined }));
  };
  return (
    <Select<string | null>
      allowClear
      value={value}
      placeholder={placeholder}
      // Once chosen, "Me" alone would not say which field it is.
      prefix={value === null ? undefined : `${placeholder}:`}
      aria-label={placeholder}
      options={options}
      onChange={(next) => change(next ?? null)}
      showSearch={canFind ? { filterOption: false, onSearch: setSearch, searchValue: search } : false}
      loading={found.isFetching}
      notFoundContent={found.isFetching ? t('common.loading') : t('common.empty')}
      style={{ width }}
      data-testid={`filter-${name}`}
    />
  );
}
