import { type Calendar, dueResultSchema } from '@keel/shared';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Form, InputNumber, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { apiGet, withQuery } from '../../../app/api';
import { pickedInstant } from '../../../app/dates';
import { useShowError } from '../../../app/errors';
import { useFormatDateTime } from '../../../app/format';
import { useMe } from '../../../app/session';

type Values = { from: Dayjs; minutes: number };

/** Lets an administrator check a calendar: when do N working minutes after a moment end? */
export function DueCheck({ calendar, onClose }: { calendar: Calendar | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const formatDateTime = useFormatDateTime();
  const showError = useShowError();
  const me = useMe();
  const check = useMutation({
    mutationFn: (values: Values) =>
      apiGet(
        withQuery(`/calendars/${calendar?.id}/due`, { from: pickedInstant(values.from, me.timeZone), minutes: values.minutes }),
        dueResultSchema,
      ),
    onError: (error) => showError(error, form),
  });
  return (
    <Modal
      open={calendar !== null}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      title={t('calendars.checkTitle', { name: calendar?.name ?? '' })}
    >
      <Form<Values> form={form} layout="vertical" onFinish={(values) => check.mutate(values)}>
        <Form.Item
          name="from"
          label={t('calendars.checkFrom')}
          extra={me.timeZone}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="minutes" label={t('calendars.checkMinutes')} rules={[{ required: true, message: t('form.required') }]}>
          <InputNumber min={0} max={527040} precision={0} style={{ width: '100%' }} data-testid="due-minutes" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={check.isPending} data-testid="due-check">
          {t('calendars.check')}
        </Button>
      </Form>
      {check.data && (
        <Alert
          style={{ marginTop: 16 }}
          type="success"
          showIcon
          title={t('calendars.checkResult', { due: formatDateTime(check.data.due) })}
          data-testid="due-result"
        />
      )}
    </Modal>
  );
}
