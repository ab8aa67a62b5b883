import { type CreateService, createServiceSchema, SERVICE_STATUSES, type Service, type ServiceStatus } from '@keel/shared';
import { Form, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiSendVoid, etagFor, newIdempotencyKey } from '../../app/api';
import { useRules } from '../../app/form-rules';
import { useSaveRecord } from '../../app/use-save-record';
import { FormDrawer } from '../../components/form-drawer';
import { UserSelect } from '../../components/user-select';
import { useOrganisationOptions } from '../admin/directory-options';
import { useCalendarOptions } from '../admin/sla/use-sla-options';
import { OfferingsEditor } from './offerings-editor';
import { useServiceOptions } from './use-services';

type Values = {
  name: string;
  description: string;
  ownerId: number | null;
  calendarId: number | null;
  status: ServiceStatus;
  customerIds: number[];
  supportedByIds: number[];
};
type Props = { target: Service | 'new' | null; onClose: () => void };

/** Creates a service (POST) or edits one (PATCH with If-Match); offerings are added once it exists. */
export function ServiceDrawer({ target, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const rules = useRules();
  const service = target === 'new' ? null : target;
  const shape = createServiceSchema.shape;
  const organisations = useOrganisationOptions();
  const calendars = useCalendarOptions();
  const services = useServiceOptions();
  const supporters = services.options.filter((o) => o.value !== service?.id);

  const save = useSaveRecord({
    collection: '/services',
    isNew: !service,
    form,
    onClose,
    send: (values: Values) => {
      const body: CreateService = {
        name: values.name.trim(),
        description: values.description,
        ownerId: values.ownerId ?? null,
        calendarId: values.calendarId ?? null,
        status: values.status,
        customerIds: values.customerIds,
        supportedByIds: values.supportedByIds,
      };
      if (!service) return apiSendVoid('POST', '/services', { body, idempotencyKey: newIdempotencyKey() });
      return apiSendVoid('PATCH', `/services/${service.id}`, { body, etag: etagFor(service.version) });
    },
  });

  const initialValues: Values = {
    name: service?.name ?? '',
    description: service?.description ?? '',
    ownerId: service?.ownerId ?? null,
    calendarId: service?.calendarId ?? null,
    status: service?.status ?? 'pipeline',
    customerIds: service?.customerIds ?? [],
    supportedByIds: service?.supportedByIds ?? [],
  };

  return (
    <FormDrawer
      open={target !== null}
      onClose={onClose}
      title={service ? t('catalogue.services.editTitle', { name: service.name }) : t('catalogue.services.new')}
      saving={save.isPending}
      onSave={() => form.submit()}
      saveTestId="save-service"
    >
      <Form<Values> form={form} layout="vertical" scrollToFirstError initialValues={initialValues} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="name" label={t('catalogue.services.name')} rules={[rules.required, rules.schema(shape.name)]}>
          <Input autoComplete="off" data-testid="service-name" />
        </Form.Item>
        <Form.Item name="description" label={t('catalogue.services.description')} rules={[rules.schema(shape.description)]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        <Form.Item name="status" label={t('catalogue.services.status')}>
          <Select
            options={SERVICE_STATUSES.map((s) => ({ value: s, label: t(`catalogue.services.statuses.${s}`) }))}
            data-testid="service-status"
          />
        </Form.Item>
        <Form.Item name="ownerId" label={t('catalogue.services.owner')}>
          <UserSelect
            kind="staff"
            known={service?.ownerId && service.ownerName ? [{ value: service.ownerId, label: service.ownerName }] : []}
            testId="service-owner"
          />
        </Form.Item>
        <Form.Item name="calendarId" label={t('catalogue.services.calendar')}>
          <Select<number | null>
            allowClear
            options={calendars.options}
            loading={calendars.loading}
            placeholder={t('catalogue.services.aroundTheClock')}
          />
        </Form.Item>
        <Form.Item name="customerIds" label={t('catalogue.services.customers')}>
          <Select<number[]>
            mode="multiple"
            optionFilterProp="label"
            options={organisations.options}
            loading={organisations.loading}
            data-testid="service-customers"
          />
        </Form.Item>
        <Form.Item name="supportedByIds" label={t('catalogue.services.supportedBy')}>
          <Select<number[]> mode="multiple" optionFilterProp="label" options={supporters} loading={services.loading} />
        </Form.Item>
      </Form>
      <Typography.Title level={5}>{t('catalogue.services.offerings')}</Typography.Title>
      {service ? (
        <OfferingsEditor service={service} />
      ) : (
        <Typography.Text type="secondary">{t('catalogue.services.offeringsHint')}</Typography.Text>
      )}
    </FormDrawer>
  );
}
