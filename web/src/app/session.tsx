import { type Me, meSchema, type Permission } from '@keel/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect } from 'react';
import { ApiError, apiGet, setCsrfToken } from './api';
import { setLocale } from './i18n';

export const meQueryKey = ['me'] as const;

/** The signed-in user, or null when there is no session (a 401 here is an answer, not an error). */
async function fetchMe(): Promise<Me | null> {
  try {
    const me = await apiGet('/me', meSchema, { redirectOn401: false });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useMeQuery() {
  return useQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 5 * 60_000 });
}

/** Stores a fresh Me (after sign-in or a profile change) without another round trip. */
export function useSetMe() {
  const queryClient = useQueryClient();
  return (me: Me | null) => {
    setCsrfToken(me?.csrfToken ?? null);
    queryClient.setQueryData(meQueryKey, me);
  };
}

const MeContext = createContext<Me | null>(null);

export function MeProvider({ me, children }: { me: Me; children: ReactNode }) {
  // The user's saved language wins once they are signed in.
  useEffect(() => {
    void setLocale(me.locale);
  }, [me.locale]);
  return <MeContext.Provider value={me}>{children}</MeContext.Provider>;
}

export function useOptionalMe(): Me | null {
  return useContext(MeContext);
}

export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe is only available inside the signed-in layout');
  return me;
}

export function can(me: Me | null, permission: Permission | null): boolean {
  if (!permission) return true;
  return me?.permissions.includes(permission) ?? false;
}

export function useCan(permission: Permission): boolean {
  return can(useOptionalMe(), permission);
}
