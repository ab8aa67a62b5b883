import { AGREEMENT_KINDS, AGREEMENT_STATUSES, type Agreement, createAgreementSchema } from '@keel/shared';
import { Col, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiSendVoid, etagFor, newIdempotencyKey } from '../../app/api';
import { useRules } from '../../app/form-rules';
import { useSaveRecord } from '../../app/use-save-record';
import { FormDrawer } from '../../components/form-drawer';
import { GroupSelect } from '../../components/group-select';
import { useOrganisationOptions } from '../admin/directory-options';
import { RecordTypeSelect } from '../admin/record-type-select';
import { SlaTargetsEditor } from '../admin/sla/sla-targets-editor';
import { useCalendarOptions } from '../admin/sla/use-sla-options';
import { useServiceOptions } from '../services/use-services';
import { type AgreementValues, agreementValuesOf, createAgreementBody, newAgreementValues, updateAgreementBody } from './agreement-values';

type Props = { target: Agreement | 'new' | null; onClose: () => void };
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Creates or edits an agreement: its party, validity, review period, status and per-priority targets. */
export function AgreementDrawer({ target, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AgreementValues>();
  const rules = useRules();
  const agreement = target === 'new' ? null : target;
  const services = useServiceOptions();
  const organisations = useOrganisationOptions();
  const calendars = useCalendarOptions();
  const kind = Form.useWatch('kind', form) ?? agreement?.kind ?? 'sla';
  const date = { pattern: DATE, message: 'YYYY-MM-DD' };

  const save = useSaveRecord({
    collection: '/agreements',
    isNew: !agreement,
    form,
    onClose,
    send: (v: AgreementValues) => {
      if (!agreement) return apiSendVoid('POST', '/agreements', { body: createAgreementBody(v), idempotencyKey: newIdempotencyKey() });
      return apiSendVoid('PATCH', `/agreements/${agreement.id}`, { body: updateAgreementBody(v), etag: etagFor(agreement.version) });
    },
  });

  const initialValues = agreement ? agreementValuesOf(agreement) : newAgreementValues(new Date().toISOString().slice(0, 10));

  return (
    <FormDrawer
      open={target !== null}
      onClose={onClose}
      width={760}
      title={agreement ? t('catalogue.agreements.editTitle', { name: agreement.name }) : t('catalogue.agreements.new')}
      saving={save.isPending}
      onSave={() => form.submit()}
      saveTestId="save-agreement"
    >
      <Form<AgreementValues>
        form={form}
        layout="vertical"
        scrollToFirstError
        initialValues={initialValues}
        onFinish={(v) => save.mutate(v)}
      >
        <Row gutter={8}>
          <Col xs={24} sm={12}>
            <Form.Item name="kind" label={t('catalogue.agreements.kind')}>
              <Select
                disabled={agreement !== null}
                options={AGREEMENT_KINDS.map((k) => ({ value: k, label: t(`catalogue.agreements.kinds.${k}`) }))}
                data-testid="agreement-kind"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="status" label={t('catalogue.agreements.status')}>
              <Select
                options={AGREEMENT_STATUSES.map((s) => ({ value: s, label: t(`catalogue.agreements.statuses.${s}`) }))}
                data-testid="agreement-status"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="name"
          label={t('catalogue.agreements.name')}
          rules={[rules.required, rules.schema(createAgreementSchema.shape.name)]}
        >
          <Input autoComplete="off" data-testid="agreement-name" />
        </Form.Item>
        <Row gutter={8}>
          <Col xs={24} sm={12}>
            <Form.Item name="serviceId" label={t('catalogue.agreements.service')} rules={[rules.required]}>
              <Select<number>
                disabled={agreement !== null}
                showSearch
                optionFilterProp="label"
                options={services.options}
                loading={services.loading}
                data-testid="agreement-service"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="recordType" label={t('catalogue.agreements.recordType')}>
              <RecordTypeSelect />
            </Form.Item>
          </Col>
        </Row>
        {kind === 'sla' && (
          <Form.Item name="organisationId" label={t('catalogue.agreements.organisation')} rules={[rules.required]}>
            <Select<number> showSearch optionFilterProp="label" options={organisations.options} data-testid="agreement-organisation" />
          </Form.Item>
        )}
        {kind === 'ola' && (
          <Form.Item name="groupId" label={t('catalogue.agreements.group')} rules={[rules.required]}>
            <GroupSelect testId="agreement-group" />
          </Form.Item>
        )}
        {kind === 'uc' && (
          <Row gutter={8}>
            <Col xs={24} sm={12}>
              <Form.Item name="supplierName" label={t('catalogue.agreements.supplierName')} rules={[rules.required]}>
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="supplierRef" label={t('catalogue.agreements.supplierRef')}>
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Row gutter={8}>
          <Col xs={12} sm={6}>
            <Form.Item name="validFrom" label={t('catalogue.agreements.validFrom')} rules={[rules.required, date]}>
              <Input placeholder="YYYY-MM-DD" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="validTo" label={t('catalogue.agreements.validTo')} rules={[date]}>
              <Input placeholder={t('catalogue.agreements.openEnded')} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="reviewEveryMonths" label={t('catalogue.agreements.reviewEveryMonths')} rules={[rules.required]}>
              <InputNumber<number> min={1} max={60} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="calendarId" label={t('catalogue.agreements.calendar')}>
              <Select<number | null> allowClear options={calendars.options} placeholder={t('catalogue.agreements.serviceHours')} />
            </Form.Item>
          </Col>
        </Row>
        {agreement?.slaPolicyId && (
          <Typography.Paragraph type="secondary">{t('catalogue.agreements.policy', { id: agreement.slaPolicyId })}</Typography.Paragraph>
        )}
        <Typography.Title level={5}>{t('catalogue.agreements.targets')}</Typography.Title>
        <SlaTargetsEditor />
      </Form>
    </FormDrawer>
  );
}
