import { MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Layout, Spin, theme } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { NotificationBell } from '../features/notifications/notification-bell';
import { HeaderSearch } from '../features/search/header-search';
import { LanguageSwitch } from './language-switch';
import { Logo } from './logo';
import { SideMenu } from './side-menu';
import { useIsPhone } from './use-is-phone';
import { UserMenu } from './user-menu';

export function AppLayout() {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const { token } = theme.useToken();

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          position: 'sticky',
          top: 0,
          zIndex: 10,
          display: 'flex',
          alignItems: 'center',
          gap: 12,
          paddingInline: isPhone ? 12 : 24,
          background: token.colorBgContainer,
          borderBottom: `1px solid ${token.colorBorderSecondary}`,
        }}
      >
        {isPhone && (
          <Button
            type="text"
            icon={<MenuOutlined />}
            aria-label={t('app.openMenu')}
            data-testid="nav-toggle"
            onClick={() => setDrawerOpen(true)}
          />
        )}
        <Logo />
        <div style={{ flex: 1 }} />
        <LanguageSwitch />
        <HeaderSearch />
        <NotificationBell />
        <UserMenu compact={isPhone} />
      </Layout.Header>
      <Layout hasSider={!isPhone}>
        {!isPhone && (
          <Layout.Sider
            theme="light"
            width={220}
            collapsible
            collapsed={collapsed}
            onCollapse={setCollapsed}
            style={{ borderInlineEnd: `1px solid ${token.colorBorderSecondary}` }}
          >
            <nav data-testid="side-nav">
              <SideMenu />
            </nav>
          </Layout.Sider>
        )}
        <Layout.Content style={{ padding: isPhone ? 12 : 24, minWidth: 0 }}>
          <Suspense fallback={<Spin style={{ display: 'block', marginTop: 48 }} />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
      {isPhone && (
        <Drawer
          placement="left"
          size={264}
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          title={<Logo />}
          styles={{ body: { padding: 8 } }}
          data-testid="nav-drawer"
        >
          <SideMenu onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      )}
    </Layout>
  );
}
