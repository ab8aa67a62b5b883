import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { dayBoundary } from '../../../app/dates';
import { useMe } from '../../../app/session';
import { type ListParams, withParams } from './list-params';

type Props = {
  name: 'openedAt' | 'updatedAt';
  params: ListParams;
  onChange: (params: ListParams) => void;
  label: string;
  placeholder: [string, string];
  width: number | string;
};

/** Calendar days in the user's time zone, sent as the instants that day starts and ends (`.gte` / `.lte`). */
export function DateRangeFilter({ name, params, onChange, label, placeholder, width }: Props) {
  const { timeZone } = useMe();
  const day = (iso: string | undefined): Dayjs | null => (iso ? dayjs(iso).tz(timeZone) : null);
  const from = day(params[`${name}.gte`]);
  const to = day(params[`${name}.lte`]);
  return (
    <DatePicker.RangePicker
      value={[from, to]}
      allowEmpty={[true, true]}
      placeholder={placeholder}
      // A chosen range hides the placeholder that named the field.
      prefix={from || to ? `${label}:` : undefined}
      aria-label={label}
      onChange={(range) => {
        const [start, end] = range ?? [null, null];
        onChange(
          withParams(params, {
            [`${name}.gte`]: start ? dayBoundary(start, timeZone, 'start') : undefined,
            [`${name}.lte`]: end ? dayBoundary(end, timeZone, 'end') : undefined,
          }),
        );
      }}
      style={{ width }}
      data-testid={`filter-${name}`}
    />
  );
}
