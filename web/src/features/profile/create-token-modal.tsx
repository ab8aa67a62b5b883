import { type CreateApiToken, type CreatedApiToken, createApiTokenSchema, createdApiTokenSchema } from '@keel/shared';
import { useMutation } from '@tanstack/react-query';
import { Form, Input, InputNumber, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiSend, newIdempotencyKey } from '../../app/api';
import { useShowError } from '../../app/errors';
import { useRules } from '../../app/form-rules';

type Props = { open: boolean; onClose: () => void; onCreated: (token: CreatedApiToken) => void };
type Values = { name: string; expiresInDays: number | null };

export function CreateTokenModal({ open, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const rules = useRules();
  const showError = useShowError();
  const create = useMutation({
    mutationFn: (body: CreateApiToken) =>
      apiSend('POST', '/me/tokens', createdApiTokenSchema, { body, idempotencyKey: newIdempotencyKey() }),
    onSuccess: (token) => {
      form.resetFields();
      onCreated(token);
    },
    onError: (error) => showError(error, form),
  });

  return (
    <Modal
      open={open}
      title={t('tokens.create')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={() => {
        form.resetFields();
        onClose();
      }}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(values) =>
          create.mutate({ name: values.name, ...(values.expiresInDays ? { expiresInDays: values.expiresInDays } : {}) })
        }
      >
        <Form.Item name="name" label={t('tokens.name')} rules={[rules.required, rules.schema(createApiTokenSchema.shape.name)]}>
          <Input autoFocus />
        </Form.Item>
        <Form.Item name="expiresInDays" label={t('tokens.expiresInDays')} extra={t('tokens.expiresHint')}>
          <InputNumber min={1} max={3650} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
