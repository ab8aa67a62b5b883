import { createUserSchema, type User } from '@keel/shared';
import { Alert, Checkbox, Form, type FormInstance, Input, Radio, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRules } from '../../../app/form-rules';
import { useFormatDateTime } from '../../../app/format';
import { PasswordRules, usePasswordRule } from '../../../components/password-rules';
import { UserSelect } from '../../../components/user-select';
import { LocaleSelect, TimeZoneSelect } from '../../../components/zone-and-locale';
import { useOrganisationOptions, useRoleOptions } from '../directory-options';
import type { UserValues } from './user-values';

type Props = {
  form: FormInstance<UserValues>;
  initialValues: UserValues;
  /** The stored user when editing; null when creating. */
  user: User | null;
  onFinish: (values: UserValues) => void;
};

export function UserForm({ form, initialValues, user, onFinish }: Props) {
  const { t } = useTranslation();
  const rules = useRules();
  const passwordRule = usePasswordRule();
  const formatTime = useFormatDateTime();
  const organisations = useOrganisationOptions();
  const roles = useRoleOptions();
  const kind = Form.useWatch('kind', form) ?? initialValues.kind;
  const username = Form.useWatch('username', form) ?? '';
  const password = Form.useWatch('password', form) ?? '';
  const shape = createUserSchema.shape;
  const lockedUntil = user?.lockedUntil && Date.parse(user.lockedUntil) > Date.now() ? user.lockedUntil : null;

  return (
    <Form<UserValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      // Fields drop their values when they unmount, so the next record starts from its own values.
      preserve={false}
      scrollToFirstError
      // Fields hidden for this kind of user keep their stored values.
      onFinish={(values) => onFinish({ ...initialValues, ...values })}
      data-testid="user-form"
    >
      <Form.Item
        name="username"
        label={t('users.username')}
        rules={user ? [] : [rules.required, rules.schema(shape.username, t('form.username'))]}
      >
        <Input disabled={user !== null} autoComplete="off" />
      </Form.Item>
      <Form.Item name="displayName" label={t('users.displayName')} rules={[rules.required, rules.schema(shape.displayName)]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="email" label={t('users.email')} rules={[rules.schema(shape.email)]}>
        <Input type="email" autoComplete="off" />
      </Form.Item>
      <Form.Item name="phone" label={t('users.phone')} rules={[rules.schema(shape.phone)]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="kind" label={t('users.kind')}>
        <Radio.Group
          disabled={user !== null}
          options={[
            { value: 'staff', label: t('users.kinds.staff') },
            { value: 'customer', label: t('users.kinds.customer') },
          ]}
          optionType="button"
        />
      </Form.Item>
      <Form.Item
        name="organisationId"
        label={t('users.organisation')}
        rules={kind === 'customer' ? [{ required: true, message: t('users.organisationRequired') }] : []}
      >
        <Select<number | null>
          allowClear
          options={organisations.options}
          loading={organisations.loading}
          showSearch={{ optionFilterProp: 'label' }}
        />
      </Form.Item>
      {kind === 'customer' && (
        <Form.Item name="seesOrganisationRecords" valuePropName="checked" extra={t('users.seesOrganisationRecordsHint')}>
          <Checkbox>{t('users.seesOrganisationRecords')}</Checkbox>
        </Form.Item>
      )}
      <Form.Item name="managerId" label={t('requests.manager')}>
        <UserSelect
          known={user?.managerId && user.managerName ? [{ value: user.managerId, label: user.managerName }] : []}
          testId="user-manager"
        />
      </Form.Item>
      <Form.Item name="roles" label={t('users.roles')}>
        <Select<string[]>
          mode="multiple"
          options={roles.options}
          loading={roles.loading}
          showSearch={{ optionFilterProp: 'label' }}
          data-testid="user-roles"
        />
      </Form.Item>
      <Form.Item name="locale" label={t('users.locale')} rules={[rules.required]}>
        <LocaleSelect />
      </Form.Item>
      <Form.Item name="timeZone" label={t('users.timeZone')} rules={[rules.required]}>
        <TimeZoneSelect />
      </Form.Item>
      {user && (
        <Form.Item name="active" label={t('users.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      )}
      {lockedUntil && (
        <>
          <Alert type="warning" showIcon title={t('users.locked', { time: formatTime(lockedUntil) })} style={{ marginBottom: 8 }} />
          <Form.Item name="unlock" valuePropName="checked">
            <Checkbox>{t('users.unlock')}</Checkbox>
          </Form.Item>
        </>
      )}
      <Form.Item
        name="password"
        dependencies={['username']}
        label={user ? t('users.resetPassword') : t('users.initialPassword')}
        rules={user ? [passwordRule(user.username)] : [rules.required, passwordRule(username)]}
        extra={
          <>
            {user && <div style={{ marginBottom: 4 }}>{t('users.resetPasswordHint')}</div>}
            <PasswordRules password={password} username={user?.username ?? username} />
          </>
        }
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </Form>
  );
}
