import { CUSTOM_FIELD_KINDS, type CustomField, type CustomFieldKind, createCustomFieldSchema, customFieldSchema } from '@keel/shared';
import { useMutation } from '@tanstack/react-query';
import { App, Col, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, apiSend, etagFor, newIdempotencyKey } from '../../../app/api';
import { useShowError } from '../../../app/errors';
import { useRules } from '../../../app/form-rules';
import { FormDrawer } from '../../../components/form-drawer';
import { RecordTypeSelect } from '../record-type-select';
import { ChoicesEditor } from './choices-editor';
import { type CustomFieldValues, createFieldBody, fieldValuesOf, newFieldValues, updateFieldBody } from './custom-field-values';
import { CUSTOM_FIELDS_PATH, useFieldsChanged } from './use-custom-fields';

type Props = { recordType: string; target: CustomField | 'new' | null; nextPosition: number; onClose: () => void };

/** Creates a field (POST) or edits one (PATCH with If-Match); kind-specific options appear with the kind. */
export function CustomFieldDrawer({ recordType, target, nextPosition, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<CustomFieldValues>();
  const rules = useRules();
  const showError = useShowError();
  const changed = useFieldsChanged();
  const field = target === 'new' ? null : target;
  const watched = Form.useWatch('kind', form);
  const kind: CustomFieldKind = field?.kind ?? watched ?? 'text';
  const shape = createCustomFieldSchema.shape;

  const save = useMutation({
    mutationFn: (values: CustomFieldValues) =>
      field
        ? apiSend('PATCH', `${CUSTOM_FIELDS_PATH}/${field.id}`, customFieldSchema, {
            body: updateFieldBody(field, values),
            etag: etagFor(field.version),
          })
        : apiSend('POST', CUSTOM_FIELDS_PATH, customFieldSchema, {
            body: createFieldBody(recordType, values),
            idempotencyKey: newIdempotencyKey(),
          }),
    onSuccess: async () => {
      void message.success(field ? t('common.saved') : t('common.created'));
      onClose();
      await changed();
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.status === 409) {
        void message.warning(t(field ? 'engine.admin.customFields.choiceInUse' : 'engine.admin.customFields.tooMany'));
      } else showError(error, form, ['label', 'options']);
      await changed();
    },
  });

  return (
    <FormDrawer
      open={target !== null}
      onClose={onClose}
      width={640}
      title={field ? t('engine.admin.customFields.editTitle', { key: field.key }) : t('engine.admin.customFields.new')}
      saving={save.isPending}
      onSave={() => form.submit()}
      saveTestId="save-custom-field"
    >
      <Form<CustomFieldValues>
        form={form}
        name="custom-field"
        layout="vertical"
        initialValues={field ? fieldValuesOf(field) : newFieldValues(nextPosition)}
        onFinish={(values) => save.mutate(values)}
        scrollToFirstError
        data-testid="custom-field-form"
      >
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item label={t('engine.admin.recordType')}>
              <RecordTypeSelect value={field?.recordType ?? recordType} disabled />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="key"
              label={t('engine.admin.customFields.key')}
              extra={t('engine.admin.customFields.keyHelp')}
              rules={[rules.required, rules.schema(shape.key, t('engine.admin.customFields.keyHelp'))]}
            >
              <Input disabled={field !== null} autoComplete="off" data-testid="field-key" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name={['label', 'zh-CN']}
              label={t('engine.admin.customFields.labelZh')}
              rules={[rules.required, rules.schema(shape.label.shape['zh-CN'])]}
            >
              <Input autoComplete="off" data-testid="field-label-zh" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name={['label', 'en']}
              label={t('engine.admin.customFields.labelEn')}
              rules={[rules.required, rules.schema(shape.label.shape.en)]}
            >
              <Input autoComplete="off" data-testid="field-label-en" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="kind" label={t('engine.admin.customFields.kind')}>
              <Select<CustomFieldKind>
                disabled={field !== null}
                options={CUSTOM_FIELD_KINDS.map((k) => ({ value: k, label: t(`engine.fieldKinds.${k}`) }))}
                data-testid="field-kind"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="position" label={t('engine.admin.customFields.position')} extra={t('engine.admin.customFields.positionHelp')}>
              <InputNumber<number> min={0} max={1000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        {kind === 'text' && (
          <Form.Item name={['options', 'maxLength']} label={t('engine.admin.customFields.maxLength')}>
            <InputNumber<number> min={1} max={4000} precision={0} style={{ width: 160 }} />
          </Form.Item>
        )}
        {kind === 'number' && (
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name={['options', 'min']} label={t('engine.admin.customFields.min')}>
                <InputNumber<number> style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name={['options', 'max']} label={t('engine.admin.customFields.max')}>
                <InputNumber<number> style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        )}
        {kind === 'reference' && (
          <Form.Item name={['options', 'recordType']} label={t('engine.admin.customFields.referenceType')} rules={[rules.required]}>
            <RecordTypeSelect disabled={field !== null && field.options.recordType !== undefined} />
          </Form.Item>
        )}
        {kind === 'choice' && (
          <Form.Item label={t('engine.admin.customFields.choices')} required>
            <ChoicesEditor />
          </Form.Item>
        )}
        <Row gutter={12}>
          <Col xs={12}>
            <Form.Item name="required" label={t('engine.admin.customFields.required')} valuePropName="checked">
              <Switch data-testid="field-required" />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item
              name="indexed"
              label={t('engine.admin.customFields.indexed')}
              valuePropName="checked"
              extra={t('engine.admin.customFields.indexedHelp')}
            >
              <Switch />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormDrawer>
  );
}
