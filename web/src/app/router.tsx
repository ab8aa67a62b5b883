import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { SignInPage } from '../features/auth/sign-in-page';
import { PORTAL_ROUTES } from '../features/portal/routes';
import { ProfilePage } from '../features/profile/profile-page';
import { onUnauthorized } from './api';
import { NotFound, RequirePermission, RequireSignIn } from './guards';
import { HomePage } from './home-page';
import { AppLayout } from './layout';
import { NAV_ENTRIES } from './nav';
import { queryClient } from './providers';
import { signInPath } from './safe-next';
import { meQueryKey } from './session';

const SearchPage = lazy(() => import('../features/search/search-page').then((m) => ({ default: m.SearchPage })));

export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  {
    path: '/',
    element: (
      <RequireSignIn>
        <AppLayout />
      </RequireSignIn>
    ),
    children: [
      { index: true, element: <HomePage /> },
      { path: 'profile', element: <ProfilePage /> },
      // Any signed-in user may search: the API searches only the types they may read.
      { path: 'search', element: <SearchPage /> },
      ...NAV_ENTRIES.flatMap((entry) =>
        [{ path: entry.path, element: entry.element }, ...(entry.children ?? [])].map((route) => ({
          path: route.path,
          element: <RequirePermission permission={entry.permission}>{route.element}</RequirePermission>,
        })),
      ),
      ...PORTAL_ROUTES,
      { path: '*', element: <NotFound /> },
    ],
  },
]);

// A 401 from any call means the session is gone: forget cached data and sign in again.
onUnauthorized(() => {
  const { pathname, search } = window.location;
  if (pathname === '/sign-in') return;
  queryClient.clear();
  queryClient.setQueryData(meQueryKey, null);
  void router.navigate(signInPath(`${pathname}${search}`), { replace: true });
});
