import { pageSchema, type User, userSchema } from '@keel/shared';
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiGet, withQuery } from '../app/api';
import { useDebounced } from './use-debounced';

export type UserOption = { value: number; label: string };

export const userOption = (user: Pick<User, 'id' | 'displayName' | 'username'>): UserOption => ({
  value: user.id,
  label: `${user.displayName} (${user.username})`,
});

type Common = {
  id?: string;
  /** Labels for values chosen before this select was opened (e.g. a group's members). */
  known?: UserOption[];
  placeholder?: string;
  testId?: string;
  /** Only staff, e.g. for an assignee. */
  kind?: 'staff' | 'customer';
};
type Props =
  | (Common & { multiple?: false; value?: number | null; onChange?: (value: number | null) => void })
  | (Common & { multiple: true; value?: number[]; onChange?: (value: number[]) => void });

/** Finds users on the server as the user types; the directory is too big to list whole. */
export function UserSelect(props: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const found = useQuery({
    queryKey: ['/users', { q, limit: 20, active: true, kind: props.kind }],
    queryFn: ({ signal }) =>
      apiGet(withQuery('/users', { q, limit: 20, sort: 'displayName', active: true, kind: props.kind }), pageSchema(userSchema), {
        signal,
      }),
  });
  const [seen, setSeen] = useState<Map<number, string>>(new Map());
  useEffect(() => {
    const items = found.data?.items;
    if (!items?.length) return;
    setSeen((prev) => new Map([...prev, ...items.map((u): [number, string] => [u.id, userOption(u).label])]));
  }, [found.data]);

  const known = props.known;
  const options = useMemo(() => {
    const labels = new Map(seen);
    for (const option of known ?? []) labels.set(option.value, option.label);
    const shown = new Set(found.data?.items.map((u) => u.id));
    const selected = props.multiple ? (props.value ?? []) : props.value ? [props.value] : [];
    // Results first, then already chosen users so their labels stay visible.
    const ids = [...shown, ...selected.filter((id) => !shown.has(id))];
    return ids.map((id) => ({ value: id, label: labels.get(id) ?? `#${id}` }));
  }, [seen, known, found.data, props.multiple, props.value]);

  const common = {
    id: props.id,
    options,
    allowClear: true,
    loading: found.isFetching,
    placeholder: props.placeholder ?? t('users.selectUser'),
    showSearch: { filterOption: false, onSearch: setSearch, searchValue: search },
    'data-testid': props.testId,
    notFoundContent: found.isFetching ? t('common.loading') : t('common.empty'),
    style: { width: '100%' },
  };
  if (props.multiple) {
    const onChange = props.onChange;
    return (
      <Select<number[]>
        {...common}
        mode="multiple"
        value={props.value ?? []}
        onChange={(value) => {
          setSearch('');
          onChange?.(value);
        }}
      />
    );
  }
  const onChange = props.onChange;
  return <Select<number | null> {...common} value={props.value ?? null} onChange={(value) => onChange?.(value ?? null)} />;
}
