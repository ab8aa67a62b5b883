import { type AssignmentRule, assignmentRuleSchema, type Catalogue, createAssignmentRuleSchema } from '@keel/shared';
import { Col, Form, Input, InputNumber, Row, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiSend, etagFor, newIdempotencyKey } from '../../../app/api';
import { useRules } from '../../../app/form-rules';
import { useSaveRecord } from '../../../app/use-save-record';
import { FormDrawer } from '../../../components/form-drawer';
import { GroupSelect } from '../../../components/group-select';
import { UserSelect } from '../../../components/user-select';
import { useRecordLabels } from '../../records/use-record-labels';
import { RecordTypeSelect } from '../record-type-select';

export const ASSIGNMENT_RULES_PATH = '/assignment-rules';

type Values = {
  name: string;
  recordType: string;
  position: number;
  category: string | null;
  serviceId: number | null;
  priority: number | null;
  groupId: number | null;
  assigneeId: number | null;
  active: boolean;
};

const valuesOf = (r: AssignmentRule): Values => ({ ...r });
const bodyOf = (v: Values) => ({
  name: v.name,
  position: v.position,
  category: v.category?.trim() ? v.category.trim() : null,
  serviceId: v.serviceId ?? null,
  priority: v.priority ?? null,
  groupId: v.groupId,
  assigneeId: v.assigneeId ?? null,
  active: v.active,
});

type Props = { target: AssignmentRule | 'new' | null; nextPosition: number; onClose: () => void };

/** Adds a rule (POST) or edits one (PATCH with If-Match): its conditions and where it sends the record. */
export function AssignmentRuleDrawer({ target, nextPosition, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const rules = useRules();
  const labels = useRecordLabels();
  const rule = target === 'new' ? null : target;
  const save = useSaveRecord({
    collection: ASSIGNMENT_RULES_PATH,
    isNew: !rule,
    form,
    onClose,
    send: (values: Values) =>
      rule
        ? apiSend('PATCH', `${ASSIGNMENT_RULES_PATH}/${rule.id}`, assignmentRuleSchema, {
            body: bodyOf(values),
            etag: etagFor(rule.version),
          })
        : apiSend('POST', ASSIGNMENT_RULES_PATH, assignmentRuleSchema, {
            body: { ...bodyOf(values), recordType: values.recordType },
            idempotencyKey: newIdempotencyKey(),
          }),
  });
  const initial: Values = rule
    ? valuesOf(rule)
    : {
        name: '',
        recordType: 'incident',
        position: nextPosition,
        category: null,
        serviceId: null,
        priority: null,
        groupId: null,
        assigneeId: null,
        active: true,
      };
  const k = (key: Exclude<keyof Catalogue['incidentProcess']['assignmentRules'], 'editTitle'>) =>
    t(`incidentProcess.assignmentRules.${key}`);

  return (
    <FormDrawer
      open={target !== null}
      onClose={onClose}
      width={640}
      title={rule ? t('incidentProcess.assignmentRules.editTitle', { name: rule.name }) : k('new')}
      saving={save.isPending}
      onSave={() => form.submit()}
      saveTestId="save-assignment-rule"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => save.mutate(v)}
        data-testid="assignment-rule-form"
      >
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="name" label={k('name')} rules={[rules.required, rules.schema(createAssignmentRuleSchema.shape.name)]}>
              <Input autoComplete="off" data-testid="rule-name" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="recordType" label={t('engine.admin.recordType')}>
              <RecordTypeSelect disabled={rule !== null} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="position" label={k('position')} extra={k('positionHelp')}>
              <InputNumber<number> min={0} max={100_000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5}>{k('conditions')}</Typography.Title>
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item name="category" label={k('category')}>
              <Input allowClear placeholder={k('any')} data-testid="rule-category" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="serviceId" label={k('service')}>
              <InputNumber<number> min={1} precision={0} placeholder={k('any')} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="priority" label={k('priority')}>
              <Select<number | null>
                allowClear
                placeholder={k('any')}
                options={[1, 2, 3, 4, 5].map((p) => ({ value: p, label: labels.priority(p) }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="groupId" label={k('group')} rules={[rules.required]}>
              <GroupSelect testId="rule-group" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="assigneeId" label={k('assignee')}>
              <UserSelect kind="staff" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="active" label={k('active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormDrawer>
  );
}
