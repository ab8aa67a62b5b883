import { Input, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrganisationOptions } from '../directory-options';

export type UserFilterValues = {
  q?: string;
  kind?: 'staff' | 'customer';
  organisationId?: number;
  active?: boolean;
};

export function UserFilters({ onChange }: { onChange: (filters: UserFilterValues) => void }) {
  const { t } = useTranslation();
  const organisations = useOrganisationOptions();
  const [filters, setFilters] = useState<UserFilterValues>({});
  const update = (patch: UserFilterValues) => {
    const next = { ...filters, ...patch };
    setFilters(next);
    onChange(next);
  };

  return (
    <Space wrap style={{ marginBottom: 16 }}>
      <Input.Search
        allowClear
        placeholder={t('users.searchPlaceholder')}
        onSearch={(q) => update({ q: q.trim() || undefined })}
        style={{ width: 260 }}
        data-testid="users-search"
      />
      <Select<'staff' | 'customer'>
        allowClear
        placeholder={t('users.anyKind')}
        style={{ width: 140 }}
        options={[
          { value: 'staff', label: t('users.kinds.staff') },
          { value: 'customer', label: t('users.kinds.customer') },
        ]}
        onChange={(kind) => update({ kind })}
      />
      <Select<number>
        allowClear
        placeholder={t('users.anyOrganisation')}
        style={{ width: 200 }}
        options={organisations.options}
        showSearch={{ optionFilterProp: 'label' }}
        onChange={(organisationId) => update({ organisationId })}
      />
      <Select<'true' | 'false'>
        allowClear
        placeholder={t('users.anyStatus')}
        style={{ width: 140 }}
        options={[
          { value: 'true', label: t('common.active') },
          { value: 'false', label: t('common.inactive') },
        ]}
        onChange={(active) => update({ active: active === undefined ? undefined : active === 'true' })}
      />
    </Space>
  );
}
