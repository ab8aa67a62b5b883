import { meSchema, type UpdateProfile, updateProfileSchema } from '@keel/shared';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiSend } from '../../app/api';
import { useShowError } from '../../app/errors';
import { useRules } from '../../app/form-rules';
import { setLocale } from '../../app/i18n';
import { useMe, useSetMe } from '../../app/session';
import { LocaleSelect, TimeZoneSelect } from '../../components/zone-and-locale';

type Values = { displayName: string; email: string; locale: UpdateProfile['locale']; timeZone: string };

export function ProfileForm() {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const rules = useRules();
  const showError = useShowError();
  const { message } = App.useApp();
  const setMe = useSetMe();
  const save = useMutation({
    mutationFn: (body: UpdateProfile) => apiSend('PATCH', '/me', meSchema, { body }),
    onSuccess: async (updated) => {
      setMe(updated);
      await setLocale(updated.locale);
      void message.success(t('profile.saved'));
    },
    onError: (error) => showError(error, form),
  });
  const shape = updateProfileSchema.shape;

  return (
    <Card title={t('profile.details')}>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ displayName: me.displayName, email: me.email ?? '', locale: me.locale, timeZone: me.timeZone }}
        onFinish={(values) =>
          save.mutate({
            displayName: values.displayName,
            email: values.email.trim() === '' ? null : values.email.trim(),
            locale: values.locale,
            timeZone: values.timeZone,
          })
        }
      >
        <Form.Item name="displayName" label={t('profile.displayName')} rules={[rules.required, rules.schema(shape.displayName)]}>
          <Input autoComplete="name" />
        </Form.Item>
        <Form.Item name="email" label={t('profile.email')} rules={[rules.schema(shape.email)]}>
          <Input type="email" autoComplete="email" />
        </Form.Item>
        <Form.Item name="locale" label={t('profile.locale')} rules={[rules.required]}>
          <LocaleSelect />
        </Form.Item>
        <Form.Item name="timeZone" label={t('profile.timeZone')} rules={[rules.required]}>
          <TimeZoneSelect />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}
