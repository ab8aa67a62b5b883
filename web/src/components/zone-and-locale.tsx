import { LOCALES } from '@keel/shared';
import { Select, type SelectProps } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { timeZones } from '../app/format';

type Props = Pick<SelectProps<string>, 'value' | 'onChange' | 'id' | 'disabled'>;

export function TimeZoneSelect(props: Props) {
  const options = useMemo(() => {
    const zones = timeZones();
    // Keep a stored zone selectable even if this browser does not list it.
    if (props.value && !zones.includes(props.value)) zones.unshift(props.value);
    return zones.map((zone) => ({ value: zone, label: zone }));
  }, [props.value]);
  return <Select {...props} options={options} showSearch={{ optionFilterProp: 'label' }} />;
}

export function LocaleSelect(props: Props) {
  const { t } = useTranslation();
  return <Select {...props} options={LOCALES.map((locale) => ({ value: locale, label: t(`locales.${locale}`) }))} />;
}
