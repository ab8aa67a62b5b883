import { Alert, Button, Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { useLabels } from './labels';
import { NAV_ENTRIES } from './nav';
import { can, useMe } from './session';

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const labels = useLabels();
  const shortcuts = NAV_ENTRIES.filter((entry) => can(me, entry.permission));
  // Customers work in the self-service portal.
  if (me.kind === 'customer') return <Navigate to="/portal" replace />;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {me.mustChangePassword && (
        <Alert
          type="warning"
          showIcon
          title={t('home.mustChangePassword')}
          action={
            <Link to="/profile">
              <Button size="small">{t('home.changePassword')}</Button>
            </Link>
          }
        />
      )}
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="welcome">
          {t('home.welcome', { name: me.displayName })}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('home.intro')}</Typography.Paragraph>
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} bordered size="small">
          <Descriptions.Item label={t('home.username')}>{me.username}</Descriptions.Item>
          <Descriptions.Item label={t('home.kind')}>{t(`users.kinds.${me.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('home.roles')}>
            {me.roles.length === 0
              ? t('home.noRoles')
              : me.roles.map((role) => (
                  <Tag key={role} color="blue">
                    {labels.role(role)}
                  </Tag>
                ))}
          </Descriptions.Item>
          <Descriptions.Item label={t('home.organisation')}>{me.organisationName ?? t('home.noOrganisation')}</Descriptions.Item>
        </Descriptions>
      </Card>
      {shortcuts.length > 0 && (
        <Row gutter={[16, 16]}>
          {shortcuts.map((entry) => (
            <Col key={entry.key} xs={12} sm={8} lg={6} xl={4}>
              <Link to={entry.path}>
                <Card hoverable size="small" style={{ textAlign: 'center' }}>
                  <div style={{ fontSize: 24, color: '#1677ff' }}>{entry.icon}</div>
                  <div style={{ marginTop: 8 }}>{t(entry.label)}</div>
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      )}
    </Space>
  );
}
