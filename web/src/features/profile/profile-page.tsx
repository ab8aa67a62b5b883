import { Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { NotificationPreferences } from '../notifications/notification-preferences';
import { ApiTokens } from './api-tokens';
import { ChangePasswordForm } from './change-password-form';
import { ProfileForm } from './profile-form';

export function ProfilePage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('profile.title')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <ProfileForm />
        </Col>
        <Col xs={24} lg={12}>
          <ChangePasswordForm />
        </Col>
        <Col span={24}>
          <NotificationPreferences />
        </Col>
        <Col span={24}>
          <ApiTokens />
        </Col>
      </Row>
    </>
  );
}
