import type { CustomFieldOptions } from '@keel/shared';
import { DatePicker, Input, InputNumber, Select, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../app/i18n';
import { UserSelect } from '../../../components/user-select';
import { recordTypeByKey } from '../record-types';
import { useReferenceName } from '../timeline/reference-name';
import type { ExtraKind, ExtraValue } from './extra-values';

type Props = {
  id?: string;
  value?: ExtraValue;
  onChange?: (value: ExtraValue) => void;
  kind: ExtraKind;
  options: CustomFieldOptions;
  testId: string;
};

const text = (v: ExtraValue) => (typeof v === 'string' ? v : '');
const num = (v: ExtraValue) => (typeof v === 'number' ? v : null);
const day = (v: ExtraValue): Dayjs | null => (v !== null && typeof v === 'object' ? v : null);

/** A user field: shows the stored person by name before the picker has searched. */
function PersonInput({
  id,
  value,
  onChange,
  testId,
}: {
  id?: string;
  value: number | null;
  onChange: (v: number | null) => void;
  testId: string;
}) {
  const name = useReferenceName('user', value);
  return <UserSelect id={id} value={value} onChange={onChange} known={value && name ? [{ value, label: name }] : []} testId={testId} />;
}

/** The input for one extra field, chosen by kind (a Form.Item child: value and onChange come from the form). */
export function ExtraInput({ id, value, onChange, kind, options, testId }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const set = (next: ExtraValue) => onChange?.(next);
  switch (kind) {
    case 'text':
      return (
        <Input
          id={id}
          value={text(value)}
          onChange={(e) => set(e.target.value)}
          maxLength={options.maxLength}
          autoComplete="off"
          data-testid={testId}
        />
      );
    case 'number':
      return (
        <InputNumber<number>
          id={id}
          value={num(value)}
          onChange={(v) => set(v)}
          min={options.min}
          max={options.max}
          style={{ width: '100%' }}
          data-testid={testId}
        />
      );
    case 'time':
      return (
        <DatePicker
          id={id}
          value={day(value)}
          onChange={(v) => set(v)}
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          style={{ width: '100%' }}
          data-testid={testId}
        />
      );
    case 'date':
      return <DatePicker id={id} value={day(value)} onChange={(v) => set(v)} style={{ width: '100%' }} data-testid={testId} />;
    case 'boolean':
      return <Switch id={id} checked={value === true} onChange={(v) => set(v)} data-testid={testId} />;
    case 'choice':
      return (
        <Select<string>
          id={id}
          allowClear
          value={typeof value === 'string' ? value : null}
          onChange={(v) => set(v ?? null)}
          options={(options.choices ?? []).map((c) => ({ value: c.key, label: c.label[locale] }))}
          data-testid={testId}
        />
      );
    case 'user':
      return <PersonInput id={id} value={num(value)} onChange={set} testId={testId} />;
    case 'reference': {
      const prefix = options.recordType ? (recordTypeByKey(options.recordType)?.prefix ?? 'TASK') : 'TASK';
      return (
        <Input
          id={id}
          value={text(value)}
          onChange={(e) => set(e.target.value.toUpperCase())}
          placeholder={`${prefix}-000042`}
          aria-description={t('records.links.targetFormat')}
          autoComplete="off"
          data-testid={testId}
        />
      );
    }
  }
}
