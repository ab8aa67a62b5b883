import { Menu, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { HOME_ENTRY, NAV_ENTRIES, type NavEntry } from './nav';
import { can, useMe } from './session';

/** The navigation the signed-in user may use, built from the registry. */
export function SideMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const allowed = NAV_ENTRIES.filter((entry) => can(me, entry.permission));

  const item = ({ badge: Count, ...entry }: Pick<NavEntry, 'key' | 'path' | 'label' | 'icon' | 'badge'>) => ({
    key: entry.path,
    icon: entry.icon,
    label: Count ? (
      <span>
        {t(entry.label)}
        <Count />
      </span>
    ) : (
      t(entry.label)
    ),
    'data-testid': `nav-${entry.key}`,
  });
  const admin = allowed.filter((entry) => entry.section === 'administration');
  const items: NonNullable<MenuProps['items']> = [item(HOME_ENTRY), ...allowed.filter((entry) => entry.section === 'main').map(item)];
  if (admin.length > 0) {
    items.push({ type: 'group', key: 'administration', label: t('nav.administration'), children: admin.map(item) });
  }
  // Pages outside the menu (search, profile) select nothing rather than Home.
  const selected = [...allowed].reverse().find((entry) => pathname.startsWith(entry.path))?.path ?? (pathname === '/' ? '/' : '');

  return (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={[selected]}
      style={{ borderInlineEnd: 'none' }}
      onClick={({ key }) => {
        onNavigate?.();
        void navigate(key);
      }}
    />
  );
}
