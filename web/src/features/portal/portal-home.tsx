import { AlertOutlined, ShoppingCartOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Card, Col, Row, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../app/session';

function Tile({ to, icon, title, hint, testId }: { to: string; icon: ReactNode; title: string; hint: string; testId: string }) {
  return (
    <Col xs={24} sm={8}>
      <Link to={to} data-testid={testId}>
        <Card hoverable style={{ height: '100%' }}>
          <Space align="start" size="middle">
            <span style={{ fontSize: 28, color: '#1677ff' }}>{icon}</span>
            <div>
              <Typography.Title level={5} style={{ margin: 0 }}>
                {title}
              </Typography.Title>
              <Typography.Text type="secondary">{hint}</Typography.Text>
            </div>
          </Space>
        </Card>
      </Link>
    </Col>
  );
}

/** Where a customer lands after signing in: report a problem, request something, follow their tickets. */
export function PortalHome() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="portal-home">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('requests.portal.welcome', { name: me.displayName })}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Tile
          to="/portal/incident"
          icon={<AlertOutlined />}
          title={t('requests.portal.raiseIncident')}
          hint={t('requests.portal.raiseIncidentHint')}
          testId="portal-raise-incident"
        />
        <Tile
          to="/portal/catalogue"
          icon={<ShoppingCartOutlined />}
          title={t('requests.portal.requestSomething')}
          hint={t('requests.portal.requestSomethingHint')}
          testId="portal-catalogue"
        />
        <Tile
          to="/portal/tickets"
          icon={<UnorderedListOutlined />}
          title={t('requests.portal.myTickets')}
          hint={t('requests.portal.myTicketsHint')}
          testId="portal-tickets"
        />
      </Row>
    </Space>
  );
}

/** A link back, above each portal page. */
export function PortalBack({ to = '/portal', label }: { to?: string; label?: string }) {
  const { t } = useTranslation();
  return (
    <Link to={to} data-testid="portal-back">
      ← {label ?? t('requests.portal.home')}
    </Link>
  );
}
