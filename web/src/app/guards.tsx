import type { Permission } from '@keel/shared';
import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router';
import { useErrorText } from './errors';
import { signInPath } from './safe-next';
import { can, MeProvider, useMeQuery, useOptionalMe } from './session';

/** Renders its children for a signed-in user; otherwise sends them to sign in and back. */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMeQuery();
  const errorText = useErrorText();
  if (me.isPending) {
    return <Spin size="large" fullscreen tip={t('common.loading')} />;
  }
  if (me.isError) {
    return (
      <Result status="error" title={errorText(me.error)} extra={<Button onClick={() => void me.refetch()}>{t('app.retry')}</Button>} />
    );
  }
  if (!me.data) {
    return <Navigate to={signInPath(`${location.pathname}${location.search}`)} replace />;
  }
  return <MeProvider me={me.data}>{children}</MeProvider>;
}

export function RequirePermission({ permission, children }: { permission: Permission | null; children: ReactNode }) {
  const me = useOptionalMe();
  if (!permission || can(me, permission)) return children;
  return <Forbidden />;
}

export function Forbidden() {
  const { t } = useTranslation();
  return <Result status="403" title="403" subTitle={t('app.forbidden')} extra={<Link to="/">{t('app.backHome')}</Link>} />;
}

export function NotFound() {
  const { t } = useTranslation();
  return <Result status="404" title="404" subTitle={t('app.notFound')} extra={<Link to="/">{t('app.backHome')}</Link>} />;
}
