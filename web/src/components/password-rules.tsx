import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { checkPassword, PASSWORD_RULES, type PasswordProblem } from '@keel/shared';
import { type FormRule, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

const SHOWN: PasswordProblem[] = ['too_short', 'too_simple', 'contains_username'];

/** The password rules, each ticked live as the user types (the server checks the same). */
export function PasswordRules({ password, username }: { password: string; username: string }) {
  const { t } = useTranslation();
  const problems = checkPassword(password, username);
  const params = { min: PASSWORD_RULES.minLength, max: PASSWORD_RULES.maxLength };
  const rules: PasswordProblem[] = problems.includes('too_long') ? [...SHOWN, 'too_long'] : SHOWN;
  return (
    <Space orientation="vertical" size={2} data-testid="password-rules">
      {rules.map((rule) => {
        const failing = password === '' || problems.includes(rule);
        return (
          <Typography.Text key={rule} type={failing ? 'secondary' : 'success'}>
            {failing ? <CloseCircleFilled /> : <CheckCircleFilled />} {t(`password.${rule}`, params)}
          </Typography.Text>
        );
      })}
    </Space>
  );
}

/** A form rule enforcing the same rules; the list beside the field says which one fails. */
export function usePasswordRule(): (username: string) => FormRule {
  const { t } = useTranslation();
  return (username) => ({
    validator: async (_rule, value: unknown) => {
      if (typeof value !== 'string' || value === '') return;
      if (checkPassword(value, username).length > 0) throw new Error(t('errors.password_rejected'));
    },
  });
}
