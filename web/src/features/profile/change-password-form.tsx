import { type ChangePassword, meSchema } from '@keel/shared';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiSend } from '../../app/api';
import { useShowError } from '../../app/errors';
import { useRules } from '../../app/form-rules';
import { useMe, useSetMe } from '../../app/session';
import { PasswordRules, usePasswordRule } from '../../components/password-rules';

type Values = ChangePassword & { confirm: string };

export function ChangePasswordForm() {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const newPassword = Form.useWatch('newPassword', form) ?? '';
  const rules = useRules();
  const passwordRule = usePasswordRule();
  const showError = useShowError();
  const { message } = App.useApp();
  const setMe = useSetMe();
  const change = useMutation({
    mutationFn: (body: ChangePassword) => apiSend('POST', '/me/password', meSchema, { body }),
    onSuccess: (updated) => {
      // The server starts a new session here, with a new CSRF token.
      setMe(updated);
      form.resetFields();
      void message.success(t('changePassword.changed'));
    },
    onError: (error) => showError(error, form),
  });

  return (
    <Card title={t('changePassword.title')}>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={({ currentPassword, newPassword: next }) => change.mutate({ currentPassword, newPassword: next })}
      >
        <Form.Item name="currentPassword" label={t('changePassword.current')} rules={[rules.required]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('changePassword.next')}
          extra={<PasswordRules password={newPassword} username={me.username} />}
          rules={[rules.required, passwordRule(me.username)]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('changePassword.confirm')}
          dependencies={['newPassword']}
          rules={[
            rules.required,
            ({ getFieldValue }) => ({
              validator: async (_rule, value: string | undefined) => {
                if (value && value !== getFieldValue('newPassword')) throw new Error(t('changePassword.mismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          {t('changePassword.submit')}
        </Button>
      </Form>
    </Card>
  );
}
