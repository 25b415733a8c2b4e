import { useEffect, useState, type ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, Button, ConfigProvider, Result } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import { BrowserRouter, Link, Route, Routes, useNavigate } from 'react-router';
import { ApiError, isPublicPath, setUnauthorizedHandler } from './api/client.ts';
import { AuditPage } from './features/audit/AuditPage.tsx';
import { BillpayPage } from './features/billpay/BillpayPage.tsx';
import { BillpayReturnPage } from './features/billpay/BillpayReturnPage.tsx';
import { ClearingDeskPage } from './features/billpay/ClearingDeskPage.tsx';
import { BillDetailPage } from './features/bills/BillDetailPage.tsx';
import { BillsPage } from './features/bills/BillsPage.tsx';
import { EkycPage } from './features/ekyc/EkycPage.tsx';
import { GuestJoinPage } from './features/meeting/GuestJoinPage.tsx';
import { MeetingPage } from './features/meeting/MeetingPage.tsx';
import { MeetingRoomPage } from './features/meeting-room/MeetingRoomPage.tsx';
import { ForgotPasswordPage } from './features/auth/ForgotPasswordPage.tsx';
import { LoginPage } from './features/auth/LoginPage.tsx';
import { RegisterPage } from './features/auth/RegisterPage.tsx';
import { ResetPasswordPage } from './features/auth/ResetPasswordPage.tsx';
import { OptionalSession, RequireRole, RequireSession } from './features/auth/session.tsx';
import { CalendarPage } from './features/calendar/CalendarPage.tsx';
import { CatalogPage } from './features/catalog/CatalogPage.tsx';
import { CollectionPolicyPage } from './features/collection/CollectionPolicyPage.tsx';
import { DebtPage } from './features/collection/DebtPage.tsx';
import { CommissionsPage } from './features/commissions/CommissionsPage.tsx';
import { ContractDetailPage } from './features/contracts/ContractDetailPage.tsx';
import { ContractNewPage } from './features/contracts/ContractNewPage.tsx';
import { ContractsPage } from './features/contracts/ContractsPage.tsx';
import { DECLARE_ROLES } from './features/contracts/contracts.ts';
import { HomePage } from './features/home/HomePage.tsx';
import { InboxPage } from './features/inbox/InboxPage.tsx';
import { InvoiceDetailPage } from './features/invoices/InvoiceDetailPage.tsx';
import { InvoicesPage } from './features/invoices/InvoicesPage.tsx';
import { MyInvoicesPage } from './features/invoices/MyInvoicesPage.tsx';
import { AppLayout } from './features/layout/AppLayout.tsx';
import { AREAS } from './features/layout/areas.tsx';
import { PublicLayout } from './features/layout/PublicLayout.tsx';
import { MyRequestsPage } from './features/my-requests/MyRequestsPage.tsx';
import { OnpremQuotesPage } from './features/onprem-quotes/OnpremQuotesPage.tsx';
import { OrgUnitsPage } from './features/org-units/OrgUnitsPage.tsx';
import { OutboxPage } from './features/outbox/OutboxPage.tsx';
import { PackagesPage } from './features/packages/PackagesPage.tsx';
import { PayLinkPage } from './features/payments/PayLinkPage.tsx';
import { PaymentsPage } from './features/payments/PaymentsPage.tsx';
import { PayReturnPage } from './features/payments/PayReturnPage.tsx';
import { ReconciliationDayPage } from './features/payments/ReconciliationDayPage.tsx';
import { ReconciliationPage } from './features/payments/ReconciliationPage.tsx';
import { ProfilePage } from './features/profile/ProfilePage.tsx';
import { QuotePage } from './features/quote/QuotePage.tsx';
import { ReviewPage } from './features/review/ReviewPage.tsx';
import { SlaPoliciesPage } from './features/sla-policies/SlaPoliciesPage.tsx';
import { SupportDashboardPage } from './features/support-dashboard/SupportDashboardPage.tsx';
import { TicketDetailPage } from './features/tickets/TicketDetailPage.tsx';
import { TicketNewPage } from './features/tickets/TicketNewPage.tsx';
import { TicketsPage } from './features/tickets/TicketsPage.tsx';
import { INTAKE_ROLES, QUEUE_ROLES } from './features/tickets/tickets.ts';
import { UsersPage } from './features/users/UsersPage.tsx';
import { LangProvider, useLang, useT } from './i18n/index.tsx';

// Secondary and hint texts darker than Ant Design's default so they meet WCAG AA contrast (4.5:1) on white.
const theme = {
  token: { colorPrimary: '#0057a8', colorLink: '#0057a8', colorError: '#cf1322', borderRadius: 8, colorTextSecondary: 'rgba(0, 0, 0, 0.62)', colorTextDescription: 'rgba(0, 0, 0, 0.62)', colorTextTertiary: 'rgba(0, 0, 0, 0.58)', colorTextQuaternary: 'rgba(0, 0, 0, 0.55)', colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)' },
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
      if (isPublicPath(pathname)) return;
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
      <Route path="/forgot-password" element={<ForgotPasswordPage />} />
      <Route path="/reset-password" element={<ResetPasswordPage />} />
      {/* MobiFone Meeting's room: the join token in the fragment is the key (guests have no account). */}
      <Route path="/meeting/live" element={<MeetingRoomPage />} />
      {/* Public: in the app shell when signed in, in a bare shell otherwise. */}
      <Route path="/quote" element={<OptionalSession signedIn={<AppLayout />} signedOut={<PublicLayout />} />}>
        <Route index element={<QuotePage />} />
      </Route>
      {/* The review link of an answer e-mail: no sign-in, the token is the key. */}
      <Route path="/review/:token" element={<PublicLayout />}>
        <Route index element={<ReviewPage />} />
      </Route>
      {/* The payment link of the e-mail (D1) and VNPay's browser return: no sign-in needed. */}
      <Route path="/pay/:token" element={<OptionalSession signedIn={<AppLayout />} signedOut={<PublicLayout />} />}>
        <Route index element={<PayLinkPage />} />
      </Route>
      <Route path="/payments/vnpay/return" element={<OptionalSession signedIn={<AppLayout />} signedOut={<PublicLayout />} />}>
        <Route index element={<PayReturnPage />} />
      </Route>
      {/* A Meeting guest link (H1): a name, then the live room page; no sign-in. */}
      <Route path="/meeting/j/:code" element={<OptionalSession signedIn={<AppLayout />} signedOut={<PublicLayout />} />}>
        <Route index element={<GuestJoinPage />} />
      </Route>
      {/* SPEC E: MobiFone's public bill payment and top-up site, and VNPay's return to it. */}
      <Route path="/billpay" element={<OptionalSession signedIn={<AppLayout />} signedOut={<PublicLayout />} />}>
        <Route index element={<BillpayPage />} />
        <Route path="return" element={<BillpayReturnPage />} />
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
        <Route path="tickets" element={<RequireRole roles={AREAS.tickets.roles}><TicketsPage /></RequireRole>} />
        <Route path="tickets/new" element={<RequireRole roles={[...INTAKE_ROLES, 'customer']}><TicketNewPage /></RequireRole>} />
        <Route path="tickets/:id" element={<RequireRole roles={[...QUEUE_ROLES, 'customer']}><TicketDetailPage /></RequireRole>} />
        <Route path="my-requests" element={<RequireRole roles={AREAS.myRequests.roles}><MyRequestsPage /></RequireRole>} />
        <Route path="my-invoices" element={<RequireRole roles={AREAS.myInvoices.roles}><MyInvoicesPage /></RequireRole>} />
        <Route path="support/dashboard" element={<RequireRole roles={AREAS.supportDashboard.roles}><SupportDashboardPage /></RequireRole>} />
        <Route path="support/sla-policies" element={<RequireRole roles={AREAS.slaPolicies.roles}><SlaPoliciesPage /></RequireRole>} />
        <Route path="payments" element={<RequireRole roles={AREAS.payments.roles}><PaymentsPage /></RequireRole>} />
        <Route path="payments/reconciliation" element={<RequireRole roles={AREAS.reconciliation.roles}><ReconciliationPage /></RequireRole>} />
        <Route path="payments/reconciliation/:date" element={<RequireRole roles={AREAS.reconciliation.roles}><ReconciliationDayPage /></RequireRole>} />
        <Route path="billpay/desk" element={<RequireRole roles={AREAS.billpayDesk.roles}><ClearingDeskPage /></RequireRole>} />
        <Route path="debt" element={<RequireRole roles={AREAS.debt.roles}><DebtPage /></RequireRole>} />
        <Route path="debt/policy" element={<RequireRole roles={AREAS.collectionPolicy.roles}><CollectionPolicyPage /></RequireRole>} />
        <Route path="commissions" element={<RequireRole roles={AREAS.commissions.roles}><CommissionsPage /></RequireRole>} />
        <Route path="invoices" element={<RequireRole roles={AREAS.invoices.roles}><InvoicesPage /></RequireRole>} />
        <Route path="invoices/:id" element={<RequireRole roles={AREAS.invoices.roles}><InvoiceDetailPage /></RequireRole>} />
        <Route path="bills" element={<RequireRole roles={AREAS.bills.roles}><BillsPage /></RequireRole>} />
        <Route path="ekyc" element={<RequireRole roles={AREAS.ekyc.roles}><EkycPage /></RequireRole>} />
        <Route path="meeting" element={<RequireRole roles={AREAS.meeting.roles}><MeetingPage /></RequireRole>} />
        <Route path="bills/:id" element={<RequireRole roles={AREAS.bills.roles}><BillDetailPage /></RequireRole>} />
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
