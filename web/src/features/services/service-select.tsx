import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useServiceOptions } from './use-services';

type Props = {
  id?: string;
  value?: number | null;
  onChange?: (value: number | null) => void;
  /** The record's current service, shown even when it is no longer live. */
  knownName?: string | null;
  testId?: string;
};

/** The record form's service picker: live services, searchable by name. */
export function ServiceSelect({ id, value, onChange, knownName, testId }: Props) {
  const { t } = useTranslation();
  const live = useServiceOptions('live');
  const options =
    value && knownName && !live.options.some((o) => o.value === value) ? [...live.options, { value, label: knownName }] : live.options;
  return (
    <Select<number | null>
      id={id}
      allowClear
      showSearch
      optionFilterProp="label"
      value={value ?? null}
      onChange={(next) => onChange?.(next ?? null)}
      options={options}
      loading={live.loading}
      placeholder={t('catalogue.servicePicker.placeholder')}
      data-testid={testId}
    />
  );
}
