import { createRoleSchema, type Permission, type Role, type UpdateRole } from '@keel/shared';
import { Alert, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiSendVoid, etagFor, newIdempotencyKey } from '../../../app/api';
import { useRules } from '../../../app/form-rules';
import { useLabels } from '../../../app/labels';
import { useSaveRecord } from '../../../app/use-save-record';
import { FormDrawer } from '../../../components/form-drawer';
import { PermissionPicker } from './permission-picker';

type Values = { key: string; name: string; description: string; permissions: Permission[] };
type Props = { target: Role | 'new' | null; readOnly: boolean; onClose: () => void };

export function RoleDrawer({ target, readOnly, onClose }: Props) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [form] = Form.useForm<Values>();
  const rules = useRules();
  const role = target === 'new' ? null : target;
  // The administrator role always holds everything; the server refuses changes to it too.
  const locked = readOnly || role?.key === 'administrator';
  const shape = createRoleSchema.shape;

  const save = useSaveRecord({
    collection: '/roles',
    isNew: !role,
    form,
    onClose,
    send: (values: Values) => {
      if (!role) {
        const body = { ...values, key: values.key.trim(), name: values.name.trim() };
        return apiSendVoid('POST', '/roles', { body, idempotencyKey: newIdempotencyKey() });
      }
      const body: UpdateRole = { description: values.description, permissions: values.permissions };
      // A built-in role's name is shown from the catalogue, so it is not edited here.
      if (!role.builtIn) body.name = values.name.trim();
      return apiSendVoid('PATCH', `/roles/${role.id}`, { body, etag: etagFor(role.version) });
    },
  });

  const initialValues: Values = {
    key: role?.key ?? '',
    name: role ? labels.role(role.key, role.name) : '',
    description: role?.description ?? '',
    permissions: role?.permissions ?? [],
  };

  return (
    <FormDrawer
      open={target !== null}
      onClose={onClose}
      width={600}
      title={role ? t('roles.editTitle', { name: labels.role(role.key, role.name) }) : t('roles.new')}
      saving={save.isPending}
      onSave={locked ? null : () => form.submit()}
      saveTestId="save-role"
    >
      {role?.key === 'administrator' && <Alert type="info" showIcon title={t('roles.administratorLocked')} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        scrollToFirstError
        initialValues={initialValues}
        disabled={locked}
        onFinish={(values) => save.mutate(values)}
      >
        <Form.Item
          name="key"
          label={t('roles.key')}
          extra={t('roles.keyHint')}
          rules={role ? [] : [rules.required, rules.schema(shape.key, t('form.roleKey'))]}
        >
          <Input disabled={role !== null} autoComplete="off" />
        </Form.Item>
        <Form.Item name="name" label={t('roles.name')} rules={[rules.required, rules.schema(shape.name)]}>
          <Input disabled={role?.builtIn} autoComplete="off" />
        </Form.Item>
        <Form.Item name="description" label={t('roles.description')} rules={[rules.schema(shape.description)]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        <Form.Item name="permissions" label={t('roles.permissions')}>
          <PermissionPicker />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
