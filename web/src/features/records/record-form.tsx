import { createRecordSchema, type RecordFields, type RecordItem, recordNumberParamsSchema } from '@keel/shared';
import { Col, Form, type FormInstance, Input, Row, Select, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useRules } from '../../app/form-rules';
import { GroupSelect } from '../../components/group-select';
import { MarkdownEditor } from '../../components/markdown-editor';
import { UserSelect } from '../../components/user-select';
import { ServiceSelect } from '../services/service-select';
import { ExtraFormItems } from './fields/extra-form-items';
import { PriorityTag } from './record-tags';
import type { RecordTypeUi } from './record-types';
import { isRecordField, type RecordValues } from './record-values';
import { useRecordLabels } from './use-record-labels';

type Props = {
  type: RecordTypeUi;
  /** The type's own and custom fields; null while they cannot be read (the base fields still work). */
  fields: RecordFields | null;
  form: FormInstance<RecordValues>;
  initialValues: RecordValues;
  /** The stored record when editing; null when creating. */
  record: RecordItem | null;
  onFinish: (values: RecordValues) => void;
  /** A field a workflow action needs: marked as soon as the form shows. */
  focusField?: string | null;
};

/** The base fields every record type has; the same form creates and edits. */
export function RecordForm({ type, fields, form, initialValues, record, onFinish, focusField }: Props) {
  const { t } = useTranslation();
  const rules = useRules();
  const labels = useRecordLabels();
  const shape = createRecordSchema.shape;
  const levels = [1, 2, 3].map((n) => ({ value: n, label: labels.level(n) }));
  const TitleHint = type.extras?.titleHint;
  const typedTitle = Form.useWatch('title', form);
  const focusMessage = focusField ? t('records.fieldRequired', { field: labels.field(focusField) }) : '';

  // After the fields have registered (in the drawer they mount after it opens); once per opening.
  useEffect(() => {
    if (!focusField || !isRecordField(focusField)) return;
    form.setFields([{ name: focusField, errors: [focusMessage] }]);
    form.scrollToField(focusField);
  }, [focusField, focusMessage, form]);

  return (
    <Form<RecordValues>
      form={form}
      name="record"
      layout="vertical"
      initialValues={initialValues}
      scrollToFirstError
      onFinish={(values) => onFinish({ ...initialValues, ...values })}
      data-testid="record-form"
    >
      <Form.Item name="title" label={t('records.title')} rules={[rules.required, rules.schema(shape.title)]}>
        <Input autoComplete="off" data-testid="record-title" />
      </Form.Item>
      {!record && TitleHint && <TitleHint title={typedTitle ?? ''} />}
      <Form.Item name="description" label={t('records.description')} rules={[rules.schema(shape.description)]}>
        <MarkdownEditor minRows={5} testId="record-description" />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="impact" label={t('records.impact')}>
            <Select<number | null> allowClear options={levels} data-testid="record-impact" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="urgency" label={t('records.urgency')}>
            <Select<number | null> allowClear options={levels} data-testid="record-urgency" />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {record?.priority ? (
          <>
            {t('records.priority')}: <PriorityTag priority={record.priority} />{' '}
          </>
        ) : null}
        {t('records.priorityHint')}
      </Typography.Paragraph>
      {type.services && (
        <Form.Item name="serviceId" label={t('records.service')}>
          <ServiceSelect knownName={record?.serviceName ?? null} testId="record-service" />
        </Form.Item>
      )}
      <Form.Item name="category" label={t('records.category')} rules={[rules.schema(shape.category)]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="assigneeId" label={t('records.assignee')}>
        <UserSelect
          known={record?.assigneeId && record.assigneeName ? [{ value: record.assigneeId, label: record.assigneeName }] : []}
          kind="staff"
          testId="record-assignee"
        />
      </Form.Item>
      <Form.Item name="groupId" label={t('records.group')}>
        <GroupSelect knownName={record?.groupName ?? null} testId="record-group" />
      </Form.Item>
      <Form.Item
        name="parent"
        label={t('records.parent')}
        rules={[rules.schema(recordNumberParamsSchema.shape.number, t('records.links.targetFormat'))]}
        normalize={(value: string) => value.toUpperCase()}
      >
        <Input placeholder={`${type.prefix}-000042`} autoComplete="off" data-testid="record-parent" />
      </Form.Item>
      {fields && <ExtraFormItems type={type} fields={fields} stored={record} />}
    </Form>
  );
}
