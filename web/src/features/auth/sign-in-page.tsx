import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { type LoginRequest, meSchema } from '@keel/shared';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { apiSend } from '../../app/api';
import { useErrorText } from '../../app/errors';
import { setLocale } from '../../app/i18n';
import { LanguageSwitch } from '../../app/language-switch';
import { Logo } from '../../app/logo';
import { safeNext } from '../../app/safe-next';
import { useSetMe } from '../../app/session';

export function SignInPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const setMe = useSetMe();
  const errorText = useErrorText();
  const signIn = useMutation({
    mutationFn: (body: LoginRequest) => apiSend('POST', '/auth/login', meSchema, { body, redirectOn401: false }),
    onSuccess: async (me) => {
      setMe(me);
      await setLocale(me.locale);
      await navigate(safeNext(params.get('next')), { replace: true });
    },
  });

  return (
    <div style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column', alignItems: 'center', padding: 16 }}>
      <div style={{ alignSelf: 'flex-end' }}>
        <LanguageSwitch />
      </div>
      <div style={{ flex: 1, display: 'flex', alignItems: 'center', width: '100%', justifyContent: 'center' }}>
        <Card style={{ width: '100%', maxWidth: 400 }}>
          <div style={{ textAlign: 'center', marginBottom: 24 }}>
            <Logo />
            <Typography.Title level={4} style={{ marginBottom: 4 }}>
              {t('signIn.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('signIn.subtitle')}</Typography.Text>
          </div>
          {signIn.isError && (
            <Alert type="error" showIcon title={errorText(signIn.error)} style={{ marginBottom: 16 }} data-testid="sign-in-error" />
          )}
          <Form<LoginRequest> layout="vertical" requiredMark={false} onFinish={(values) => signIn.mutate(values)}>
            <Form.Item name="username" label={t('signIn.username')} rules={[{ required: true, message: t('form.required') }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
            </Form.Item>
            <Form.Item name="password" label={t('signIn.password')} rules={[{ required: true, message: t('form.required') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={signIn.isPending} data-testid="sign-in-submit">
              {t('signIn.submit')}
            </Button>
          </Form>
        </Card>
      </div>
    </div>
  );
}
