import { type Calendar, type CalendarDefinition, type CreateCalendar, calendarDefinitionSchema, createCalendarSchema } from '@keel/shared';
import { Form, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiSendVoid, etagFor, newIdempotencyKey } from '../../../app/api';
import { useRules } from '../../../app/form-rules';
import { useSaveRecord } from '../../../app/use-save-record';
import { FormDrawer } from '../../../components/form-drawer';
import { TimeZoneSelect } from '../../../components/zone-and-locale';
import { formatDates, formatPeriods, parseDates, parsePeriods } from './calendar-text';

type Values = {
  name: string;
  description: string;
  timeZone: string;
  statutoryRegion: 'CN' | 'none';
  weekly: string[];
  holidays: string;
  workdays: string;
};
type Props = { target: Calendar | 'new' | null; onClose: () => void };

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const OFFICE = '09:00-12:00, 13:00-18:00';

function valuesOf(calendar: Calendar | null): Values {
  if (!calendar) {
    return {
      name: '',
      description: '',
      timeZone: 'Asia/Shanghai',
      statutoryRegion: 'CN',
      weekly: [OFFICE, OFFICE, OFFICE, OFFICE, OFFICE, '', ''],
      holidays: '',
      workdays: '',
    };
  }
  const d = calendar.definition;
  return {
    name: calendar.name,
    description: calendar.description,
    timeZone: d.timeZone,
    statutoryRegion: calendar.statutoryRegion ?? 'none',
    weekly: d.weekly.map(formatPeriods),
    holidays: formatDates(d.holidays),
    workdays: formatDates(d.workdays),
  };
}

type FieldPath = ['weekly', number] | ['timeZone'] | ['holidays'] | ['workdays'];

/** The definition the form describes, or the first field that is wrong. */
function definitionOf(values: Values, keep: CalendarDefinition | null): { definition: CalendarDefinition } | { field: FieldPath } {
  const weekly = values.weekly.map(parsePeriods);
  const unreadable = weekly.indexOf(null);
  if (unreadable >= 0) return { field: ['weekly', unreadable] };
  const parsed = calendarDefinitionSchema.safeParse({
    timeZone: values.timeZone,
    weekly,
    holidays: parseDates(values.holidays),
    workdays: parseDates(values.workdays),
    makeUpPeriods: keep?.makeUpPeriods,
    exceptions: keep?.exceptions ?? [],
  });
  if (parsed.success) return { definition: parsed.data };
  const path = parsed.error.issues[0]?.path ?? [];
  const [head, index] = path;
  if (head === 'weekly' && typeof index === 'number') return { field: ['weekly', index] };
  if (head === 'holidays' || head === 'workdays') return { field: [head] };
  return { field: ['timeZone'] };
}

export function CalendarDrawer({ target, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const rules = useRules();
  const calendar = target === 'new' ? null : target;

  const save = useSaveRecord({
    collection: '/calendars',
    isNew: !calendar,
    form,
    onClose,
    send: (body: CreateCalendar) => {
      if (!calendar) return apiSendVoid('POST', '/calendars', { body, idempotencyKey: newIdempotencyKey() });
      return apiSendVoid('PATCH', `/calendars/${calendar.id}`, { body, etag: etagFor(calendar.version) });
    },
  });

  const submit = (values: Values) => {
    const result = definitionOf(values, calendar?.definition ?? null);
    if ('field' in result) {
      form.setFields([{ name: result.field, errors: [t('calendars.invalidRule')] }]);
      return;
    }
    save.mutate({
      name: values.name.trim(),
      description: values.description,
      definition: result.definition,
      statutoryRegion: values.statutoryRegion === 'none' ? null : values.statutoryRegion,
    });
  };

  return (
    <FormDrawer
      open={target !== null}
      onClose={onClose}
      width={600}
      title={calendar ? t('calendars.editTitle', { name: calendar.name }) : t('calendars.new')}
      saving={save.isPending}
      onSave={() => form.submit()}
      saveTestId="save-calendar"
    >
      <Form<Values> form={form} layout="vertical" scrollToFirstError initialValues={valuesOf(calendar)} onFinish={submit}>
        <Form.Item name="name" label={t('calendars.name')} rules={[rules.required, rules.schema(createCalendarSchema.shape.name)]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="description" label={t('calendars.description')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
        <Form.Item name="timeZone" label={t('calendars.timeZone')} rules={[rules.required]}>
          <TimeZoneSelect />
        </Form.Item>
        <Form.Item name="statutoryRegion" label={t('calendars.statutoryRegion')}>
          <Select
            options={[
              { value: 'CN', label: t('calendars.regions.CN') },
              { value: 'none', label: t('calendars.regions.none') },
            ]}
          />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t('calendars.periodsHelp')}</Typography.Paragraph>
        {WEEKDAYS.map((day, index) => (
          <Form.Item key={day} name={['weekly', index]} label={t(`calendars.weekdays.${day}`)}>
            <Input placeholder={t('calendars.closed')} autoComplete="off" data-testid={`weekly-${day}`} />
          </Form.Item>
        ))}
        <Form.Item name="holidays" label={t('calendars.holidays')} extra={t('calendars.datesHelp')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
        </Form.Item>
        <Form.Item name="workdays" label={t('calendars.workdays')} extra={t('calendars.datesHelp')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
