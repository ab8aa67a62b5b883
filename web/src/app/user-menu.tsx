import { DownOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Avatar, Button, Dropdown, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { apiSendVoid } from './api';
import { useMe, useSetMe } from './session';

export function UserMenu({ compact }: { compact: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const setMe = useSetMe();
  const { message } = App.useApp();

  const signOut = async () => {
    try {
      await apiSendVoid('POST', '/auth/logout', { redirectOn401: false });
    } catch {
      // The session may already be gone; signing out locally is still right.
    }
    queryClient.clear();
    setMe(null);
    void message.success(t('app.signedOut'));
    await navigate('/sign-in', { replace: true });
  };

  const items: MenuProps['items'] = [
    { key: 'profile', icon: <UserOutlined />, label: t('app.profile'), onClick: () => void navigate('/profile') },
    { type: 'divider' },
    { key: 'sign-out', icon: <LogoutOutlined />, label: t('app.signOut'), onClick: () => void signOut() },
  ];

  return (
    <Dropdown menu={{ items }} trigger={['click']} placement="bottomRight">
      <Button type="text" aria-label={t('app.userMenu')} data-testid="user-menu" style={{ paddingInline: 6 }}>
        <Avatar size="small" style={{ backgroundColor: '#1677ff' }}>
          {me.displayName.slice(0, 1).toUpperCase()}
        </Avatar>
        {!compact && <span>{me.displayName}</span>}
        <DownOutlined style={{ fontSize: 10 }} />
      </Button>
    </Dropdown>
  );
}
