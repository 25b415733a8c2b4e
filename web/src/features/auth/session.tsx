import { createContext, useContext, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Result, Spin } from 'antd';
import { api, ApiError, setCsrfToken } from '../../api/client.ts';
import type { Me, User } from '@contracts/identity';
import { useT } from '../../i18n/index.tsx';

export const meQueryKey = ['me'] as const;

async function fetchMe(): Promise<Me> {
  const me = await api.get<Me>('/api/v1/me');
  setCsrfToken(me.csrfToken);
  return me;
}

/** The signed-in session (exported for component tests, which render a page as a given user). */
export const SessionContext = createContext<Me | null>(null);

/** The signed-in user's `/me`; only inside <RequireSession>. */
export function useSession(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useSession() outside <RequireSession>');
  return me;
}

/** The session when there is one (public pages under <OptionalSession>), else null. */
export const useMaybeSession = (): Me | null => useContext(SessionContext);

export const hasAnyRole = (user: User, roles?: readonly string[]): boolean =>
  !roles || roles.some((r) => user.roles.includes(r));

/** Loads `/me` and renders children once signed in; a 401 is redirected to /login by the API client. */
export function RequireSession({ children }: { children: ReactNode }) {
  const t = useT();
  const me = useQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });
  if (me.data) return <SessionContext.Provider value={me.data}>{children}</SessionContext.Provider>;
  if (me.error && !(me.error instanceof ApiError && me.error.status === 401)) {
    return (
      <Result
        status="error"
        title={t('error.loadFailed')}
        subTitle={me.error.message}
        extra={<Button onClick={() => me.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  return (
    <div className="full-page-center">
      <Spin size="large" />
    </div>
  );
}

/** Pages open to everyone: `signedIn` with the session when there is one, else `signedOut`. */
export function OptionalSession({ signedIn, signedOut }: { signedIn: ReactNode; signedOut: ReactNode }) {
  const me = useQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });
  if (me.data) return <SessionContext.Provider value={me.data}>{signedIn}</SessionContext.Provider>;
  if (me.isPending) {
    return (
      <div className="full-page-center">
        <Spin size="large" />
      </div>
    );
  }
  return signedOut;
}

/** Shows a 403 result unless the user has one of `roles`. */
export function RequireRole({ roles, children }: { roles?: readonly string[]; children: ReactNode }) {
  const { user } = useSession();
  const t = useT();
  if (hasAnyRole(user, roles)) return children;
  return <Result status="403" title={t('error.forbiddenTitle')} subTitle={t('error.forbidden')} />;
}
