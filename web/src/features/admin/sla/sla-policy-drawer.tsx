import { createSlaPolicySchema, type SlaPolicy, slaPolicySchema } from '@keel/shared';
import { Alert, Col, Form, Input, InputNumber, Row, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiSend, etagFor, newIdempotencyKey } from '../../../app/api';
import { useRules } from '../../../app/form-rules';
import { useSaveRecord } from '../../../app/use-save-record';
import { FormDrawer } from '../../../components/form-drawer';
import { GroupMultiSelect } from '../../../components/group-select';
import { useRecordLabels } from '../../records/use-record-labels';
import { useOrganisationOptions } from '../directory-options';
import { RecordTypeSelect } from '../record-type-select';
import { SlaTargetsEditor } from './sla-targets-editor';
import { badPercentage, createPolicyBody, newPolicyValues, policyValuesOf, type SlaPolicyValues, updatePolicyBody } from './sla-values';
import { useCalendarOptions, useCategoryOptions } from './use-sla-options';

type Props = { target: SlaPolicy | 'new' | null; recordType: string; nextPosition: number; onClose: () => void };

export const SLA_POLICIES_PATH = '/sla-policies';

/** Creates a policy (POST) or edits one (PATCH with If-Match): where it applies, its calendar, pauses, warnings and targets. */
export function SlaPolicyDrawer({ target, recordType, nextPosition, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SlaPolicyValues>();
  const rules = useRules();
  const labels = useRecordLabels();
  const calendars = useCalendarOptions();
  const organisations = useOrganisationOptions();
  const categories = useCategoryOptions();
  const policy = target === 'new' ? null : target;

  const save = useSaveRecord({
    collection: SLA_POLICIES_PATH,
    isNew: !policy,
    form,
    onClose,
    send: (values: SlaPolicyValues) =>
      policy
        ? apiSend('PATCH', `${SLA_POLICIES_PATH}/${policy.id}`, slaPolicySchema, {
            body: updatePolicyBody(values),
            etag: etagFor(policy.version),
          })
        : apiSend('POST', SLA_POLICIES_PATH, slaPolicySchema, { body: createPolicyBody(values), idempotencyKey: newIdempotencyKey() }),
  });

  return (
    <FormDrawer
      open={target !== null}
      onClose={onClose}
      width={720}
      title={policy ? t('engine.admin.sla.editTitle', { name: policy.name }) : t('engine.admin.sla.new')}
      saving={save.isPending}
      onSave={() => form.submit()}
      saveTestId="save-sla-policy"
    >
      {policy && <Alert type="info" showIcon title={t('engine.admin.sla.clocksKeep')} style={{ marginBottom: 16 }} />}
      <Form<SlaPolicyValues>
        form={form}
        name="sla-policy"
        layout="vertical"
        scrollToFirstError
        initialValues={policy ? policyValuesOf(policy) : newPolicyValues(recordType, nextPosition)}
        onFinish={(values) => save.mutate(values)}
        data-testid="sla-policy-form"
      >
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="name"
              label={t('engine.admin.sla.name')}
              rules={[rules.required, rules.schema(createSlaPolicySchema.shape.name)]}
            >
              <Input autoComplete="off" data-testid="sla-name" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="recordType" label={t('engine.admin.recordType')}>
              <RecordTypeSelect disabled={policy !== null} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="position" label={t('engine.admin.sla.position')}>
              <InputNumber<number> min={0} max={10_000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5}>{t('engine.admin.sla.conditions')}</Typography.Title>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="priorities" label={t('engine.admin.sla.priorities')}>
              <Select<number[]>
                mode="multiple"
                allowClear
                options={[1, 2, 3, 4, 5].map((p) => ({ value: p, label: labels.priority(p) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="categories" label={t('engine.admin.sla.categories')} extra={t('engine.admin.sla.categoriesHelp')}>
              <Select<string[]> mode="tags" allowClear open={false} suffixIcon={null} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="groupIds" label={t('engine.admin.sla.groups')}>
              <GroupMultiSelect />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="organisationIds" label={t('engine.admin.sla.organisations')}>
              <Select<number[]>
                mode="multiple"
                allowClear
                options={organisations.options}
                loading={organisations.loading}
                showSearch={{ optionFilterProp: 'label' }}
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="calendarId"
              label={t('engine.admin.sla.calendar')}
              extra={calendars.allowed ? undefined : t('engine.admin.sla.noCalendarAccess')}
            >
              <Select<number | null>
                allowClear
                disabled={!calendars.allowed}
                placeholder={t('engine.admin.sla.aroundTheClock')}
                options={calendars.options}
                loading={calendars.loading}
                data-testid="sla-calendar"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="active" label={t('engine.admin.sla.active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="pauseOn" label={t('engine.admin.sla.pauseOn')}>
              <Select mode="multiple" allowClear options={categories} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="warnAt"
              label={t('engine.admin.sla.warnAt')}
              extra={t('engine.admin.sla.warnAtHelp')}
              rules={[
                {
                  validator: async (_, v: (number | string)[] = []) =>
                    badPercentage(v) ? Promise.reject(new Error(t('form.invalid'))) : undefined,
                },
              ]}
            >
              <Select<(number | string)[]> mode="tags" allowClear options={[50, 75, 90].map((n) => ({ value: n, label: `${n}%` }))} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5}>{t('engine.admin.sla.targets')}</Typography.Title>
        <SlaTargetsEditor />
      </Form>
    </FormDrawer>
  );
}
