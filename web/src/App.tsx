import { useEffect, useState, type ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, Button, ConfigProvider, Result } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import { BrowserRouter, Link, Route, Routes, useNavigate } from 'react-router';
import { ApiError, PUBLIC_PATHS, setUnauthorizedHandler } from './api/client.ts';
import { AuditPage } from './features/audit/AuditPage.tsx';
import { LoginPage } from './features/auth/LoginPage.tsx';
import { RegisterPage } from './features/auth/RegisterPage.tsx';
import { OptionalSession, RequireRole, RequireSession } from './features/auth/session.tsx';
import { CalendarPage } from './features/calendar/CalendarPage.tsx';
import { CatalogPage } from './features/catalog/CatalogPage.tsx';
import { ContractDetailPage } from './features/contracts/ContractDetailPage.tsx';
import { ContractNewPage } from './features/contracts/ContractNewPage.tsx';
import { ContractsPage } from './features/contracts/ContractsPage.tsx';
import { DECLARE_ROLES } from './features/contracts/contracts.ts';
import { HomePage } from './features/home/HomePage.tsx';
import { InboxPage } from './features/inbox/InboxPage.tsx';
import { AppLayout } from './features/layout/AppLayout.tsx';
import { AREAS } from './features/layout/areas.tsx';
import { PublicLayout } from './features/layout/PublicLayout.tsx';
import { OnpremQuotesPage } from './features/onprem-quotes/OnpremQuotesPage.tsx';
import { OrgUnitsPage } from './features/org-units/OrgUnitsPage.tsx';
import { OutboxPage } from './features/outbox/OutboxPage.tsx';
import { PackagesPage } from './features/packages/PackagesPage.tsx';
import { ProfilePage } from './features/profile/ProfilePage.tsx';
import { QuotePage } from './features/quote/QuotePage.tsx';
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
      if (PUBLIC_PATHS.includes(pathname)) return;
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
      {/* Public: in the app shell when signed in, in a bare shell otherwise. */}
      <Route path="/quote" element={<OptionalSession signedIn={<AppLayout />} signedOut={<PublicLayout />} />}>
        <Route index element={<QuotePage />} />
      </Route>
      <Route
        element={
          <RequireSession>
            <AppLayout />
          </RequireSession>
        }
      >
        <Route index element={<HomePage />} />
        <Route path="inbox" element={<RequireRole roles={AREAS.inbox.roles}><InboxPage /></RequireRole>} />
        <Route path="contracts" element={<RequireRole roles={AREAS.contracts.roles}><ContractsPage /></RequireRole>} />
        <Route path="contracts/new" element={<RequireRole roles={DECLARE_ROLES}><ContractNewPage /></RequireRole>} />
        <Route path="contracts/:id" element={<RequireRole roles={AREAS.contracts.roles}><ContractDetailPage /></RequireRole>} />
        <Route path="packages" element={<RequireRole roles={AREAS.packages.roles}><PackagesPage /></RequireRole>} />
        <Route path="onprem-quotes" element={<RequireRole roles={AREAS.onpremQuotes.roles}><OnpremQuotesPage /></RequireRole>} />
        <Route path="catalog" element={<RequireRole roles={AREAS.catalog.roles}><CatalogPage /></RequireRole>} />
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
