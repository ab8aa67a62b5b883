import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { RECORD_TYPES } from '../records/record-types';

/** Picks one of the record types this app knows (for custom fields, workflows and SLA policies). */
export function RecordTypeSelect({
  id,
  value,
  onChange,
  disabled,
}: {
  id?: string;
  value?: string;
  onChange?: (key: string) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Select<string>
      id={id}
      value={value}
      onChange={onChange}
      disabled={disabled}
      options={RECORD_TYPES.map((type) => ({ value: type.key, label: t(type.labels.plural) }))}
      style={{ minWidth: 160 }}
      aria-label={t('engine.admin.recordType')}
      data-testid="record-type-select"
    />
  );
}

/** A record type's name, or its key for one this app does not know. */
export function useRecordTypeName(): (key: string) => string {
  const { t } = useTranslation();
  return (key) => {
    const type = RECORD_TYPES.find((r) => r.key === key);
    return type ? t(type.labels.plural) : key;
  };
}
