import { useEffect, useState, type ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, Button, ConfigProvider, Result } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import { BrowserRouter, Link, Route, Routes, useNavigate } from 'react-router';
import { ApiError, setUnauthorizedHandler } from './api/client.ts';
import { AuditPage } from './features/audit/AuditPage.tsx';
import { LoginPage } from './features/auth/LoginPage.tsx';
import { RegisterPage } from './features/auth/RegisterPage.tsx';
import { RequireRole, RequireSession } from './features/auth/session.tsx';
import { CalendarPage } from './features/calendar/CalendarPage.tsx';
import { HomePage } from './features/home/HomePage.tsx';
import { AppLayout } from './features/layout/AppLayout.tsx';
import { AREAS } from './features/layout/areas.tsx';
import { OrgUnitsPage } from './features/org-units/OrgUnitsPage.tsx';
import { OutboxPage } from './features/outbox/OutboxPage.tsx';
import { ProfilePage } from './features/profile/ProfilePage.tsx';
import { UsersPage } from './features/users/UsersPage.tsx';
import { LangProvider, useLang, useT } from './i18n/index.tsx';

const theme = {
  token: { colorPrimary: '#0057a8', colorLink: '#0057a8', borderRadius: 8 },
};

export function App() {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            refetchOnWindowFocus: false,
            // Client errors (4xx) are answers, not glitches: do not retry them.
            retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
          },
        },
      }),
  );
  return (
    <LangProvider>
      <QueryClientProvider client={queryClient}>
        <LocalizedAntd>
          <BrowserRouter>
            <UnauthorizedRedirect />
            <AppRoutes />
          </BrowserRouter>
        </LocalizedAntd>
      </QueryClientProvider>
    </LangProvider>
  );
}

function LocalizedAntd({ children }: { children: ReactNode }) {
  const { lang } = useLang();
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : viVN} theme={theme}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

/** A 401 from the API (expired session) goes to /login, remembering where the user was. */
function UnauthorizedRedirect() {
  const navigate = useNavigate();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      const { pathname, search } = window.location;
      if (pathname === '/login' || pathname === '/register') return;
      navigate(`/login?next=${encodeURIComponent(pathname + search)}`, { replace: true });
    });
  }, [navigate]);
  return null;
}

function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/register" element={<RegisterPage />} />
      <Route
        element={
          <RequireSession>
            <AppLayout />
          </RequireSession>
        }
      >
        <Route index element={<HomePage />} />
        <Route path="admin/users" element={<RequireRole roles={AREAS.users.roles}><UsersPage /></RequireRole>} />
        <Route path="admin/org-units" element={<RequireRole roles={AREAS.orgUnits.roles}><OrgUnitsPage /></RequireRole>} />
        <Route path="admin/calendar" element={<RequireRole roles={AREAS.calendar.roles}><CalendarPage /></RequireRole>} />
        <Route path="admin/audit" element={<RequireRole roles={AREAS.audit.roles}><AuditPage /></RequireRole>} />
        <Route path="admin/outbox" element={<RequireRole roles={AREAS.outbox.roles}><OutboxPage /></RequireRole>} />
        <Route path="profile" element={<ProfilePage />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

function NotFound() {
  const t = useT();
  return (
    <Result
      status="404"
      title={t('error.notFoundTitle')}
      subTitle={t('error.notFound')}
      extra={
        <Link to="/">
          <Button type="primary">{t('error.backHome')}</Button>
        </Link>
      }
    />
  );
}
