import { APPROVAL_MODES, type ApprovalMode, type CreateApproval, createApprovalSchema } from '@keel/shared';
import { App, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useShowError } from '../../app/errors';
import { useRules } from '../../app/form-rules';
import { FormDrawer } from '../../components/form-drawer';
import { GroupMultiSelect } from '../../components/group-select';
import { UserSelect } from '../../components/user-select';
import { type ApprovalTarget, useRequestApproval } from './use-approvals';

type Values = { title: string; mode: ApprovalMode; quorum: number | null; level: number; userIds: number[]; groupIds: number[] };

const INITIAL: Values = { title: '', mode: 'any', quorum: null, level: 1, userIds: [], groupIds: [] };

/** Asks people and/or groups to approve: any one, all, or a quorum, at a level. */
export function RequestApprovalDrawer({ target, open, onClose }: { target: ApprovalTarget; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const rules = useRules();
  const showError = useShowError();
  const request = useRequestApproval(target);
  const mode = Form.useWatch('mode', form);

  const submit = (values: Values) => {
    if (values.userIds.length + values.groupIds.length === 0) {
      form.setFields([{ name: 'userIds', errors: [t('engine.approvals.needApprover')] }]);
      return;
    }
    const body: CreateApproval = {
      title: values.title.trim(),
      mode: values.mode,
      level: values.level,
      userIds: values.userIds,
      groupIds: values.groupIds,
      ...(values.mode === 'quorum' && values.quorum !== null ? { quorum: values.quorum } : {}),
    };
    request.mutate(body, {
      onSuccess: () => {
        void message.success(t('engine.approvals.requested'));
        onClose();
      },
      onError: (error) => showError(error, form),
    });
  };

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={t('engine.approvals.request')}
      saving={request.isPending}
      onSave={() => form.submit()}
      saveTestId="save-approval-request"
    >
      <Form<Values> form={form} name="approval" layout="vertical" initialValues={INITIAL} onFinish={submit} data-testid="approval-form">
        <Form.Item
          name="title"
          label={t('engine.approvals.requestTitle')}
          rules={[rules.required, rules.schema(createApprovalSchema.shape.title)]}
        >
          <Input autoComplete="off" data-testid="approval-title" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="mode" label={t('engine.approvals.mode')}>
              <Select<ApprovalMode>
                options={APPROVAL_MODES.map((m) => ({ value: m, label: t(`engine.approvalModes.${m}`) }))}
                data-testid="approval-mode"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            {mode === 'quorum' && (
              <Form.Item name="quorum" label={t('engine.approvals.quorumCount')} rules={[rules.required]}>
                <InputNumber<number> min={1} max={100} precision={0} style={{ width: '100%' }} data-testid="approval-quorum" />
              </Form.Item>
            )}
          </Col>
        </Row>
        <Form.Item name="userIds" label={t('engine.approvals.people')}>
          <UserSelect multiple testId="approval-users" />
        </Form.Item>
        <Form.Item name="groupIds" label={t('engine.approvals.groups')} extra={t('engine.approvals.groupsHelp')}>
          <GroupMultiSelect testId="approval-groups" />
        </Form.Item>
        <Form.Item name="level" label={t('engine.approvals.levelLabel')} extra={t('engine.approvals.levelHelp')}>
          <InputNumber<number> min={1} max={10} precision={0} style={{ width: 120 }} data-testid="approval-level" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
