import type { ReactNode } from 'react';
import {
  SafetyCertificateOutlined,
  VideoCameraOutlined,
  ApartmentOutlined,
  AppstoreOutlined,
  AuditOutlined,
  CalculatorOutlined,
  CalendarOutlined,
  CreditCardOutlined,
  CustomerServiceOutlined,
  DashboardOutlined,
  FieldTimeOutlined,
  FormOutlined,
  FileDoneOutlined,
  FileProtectOutlined,
  FileTextOutlined,
  HomeOutlined,
  IdcardOutlined,
  InboxOutlined,
  MailOutlined,
  ReconciliationOutlined,
  ShoppingCartOutlined,
  TeamOutlined,
  ToolOutlined,
  TransactionOutlined,
  WalletOutlined,
} from '@ant-design/icons';
import { ROLES, type Role } from '@contracts/identity';
import type { MessageKey } from '../../i18n/index.tsx';
import { INTAKE_ROLES, QUEUE_ROLES } from '../tickets/tickets.ts';

export type AreaGroup = 'payments' | 'invoices' | 'admin';
/** The menu groups, in menu order, with their titles. */
export const AREA_GROUPS: readonly { key: AreaGroup; label: MessageKey; icon: ReactNode }[] = [
  { key: 'payments', label: 'nav.payments', icon: <WalletOutlined /> },
  { key: 'invoices', label: 'nav.invoices', icon: <FileDoneOutlined /> },
  { key: 'admin', label: 'nav.admin', icon: <ToolOutlined /> },
];

/** A functional area of the UI: one menu entry, one home card, one role guard. */
export interface Area {
  path: string;
  label: MessageKey;
  description: MessageKey;
  icon: ReactNode;
  /** Roles that may open it; absent = every signed-in user. */
  roles?: readonly Role[];
  /** A titled menu group ("Thanh toán", "Quản trị"); absent = top level. */
  group?: AreaGroup;
}

export const AREAS = {
  home: { path: '/', label: 'nav.home', description: 'nav.home', icon: <HomeOutlined /> },
  inbox: {
    path: '/inbox',
    label: 'nav.inbox',
    description: 'home.desc.inbox',
    icon: <InboxOutlined />,
    roles: ['am', 'kam', 'agent', 'approver_ctkv', 'approver_ttcntt', 'ops', 'admin'],
  },
  contracts: {
    path: '/contracts',
    label: 'nav.contracts',
    description: 'home.desc.contracts',
    icon: <FileProtectOutlined />,
    // every role but clearing
    roles: ROLES.filter((r) => r !== 'clearing'),
  },
  packages: {
    path: '/packages',
    label: 'nav.packages',
    description: 'home.desc.packages',
    icon: <ShoppingCartOutlined />,
    roles: ['customer'],
  },
  onpremQuotes: {
    path: '/onprem-quotes',
    label: 'nav.onpremQuotes',
    description: 'home.desc.onpremQuotes',
    icon: <FileDoneOutlined />,
    roles: ['am', 'kam', 'agent', 'approver_ctkv', 'approver_ttcntt', 'admin'],
  },
  ticketNew: {
    path: '/tickets/new',
    label: 'nav.ticketNew',
    description: 'home.desc.ticketNew',
    icon: <FormOutlined />,
    roles: INTAKE_ROLES,
  },
  tickets: {
    path: '/tickets',
    label: 'nav.tickets',
    description: 'home.desc.tickets',
    icon: <CustomerServiceOutlined />,
    roles: QUEUE_ROLES,
  },
  myRequests: {
    path: '/my-requests',
    label: 'nav.myRequests',
    description: 'home.desc.myRequests',
    icon: <CustomerServiceOutlined />,
    roles: ['customer'],
  },
  myInvoices: {
    path: '/my-invoices',
    label: 'nav.myInvoices',
    description: 'home.desc.myInvoices',
    icon: <FileTextOutlined />,
    // The server lists a customer's own invoices only.
    roles: ['customer'],
  },
  supportDashboard: {
    path: '/support/dashboard',
    label: 'nav.supportDashboard',
    description: 'home.desc.supportDashboard',
    icon: <DashboardOutlined />,
    // `support.dashboard` on the server.
    roles: ['admin', 'call_center', 'product_ctkv', 'gpth', 'approver_ctkv', 'approver_ttcntt'],
  },
  payments: {
    path: '/payments',
    label: 'nav.paymentList',
    description: 'home.desc.paymentList',
    icon: <TransactionOutlined />,
    // `payment.read` on the server; refunds (admin) and querydr (admin, accountant) are checked per action.
    roles: ['admin', 'accountant', 'invoice_officer'],
    group: 'payments',
  },
  reconciliation: {
    path: '/payments/reconciliation',
    label: 'nav.reconciliation',
    description: 'home.desc.reconciliation',
    icon: <ReconciliationOutlined />,
    // Run by admin and accountant (`payment.reconcile`); the invoice officer reads it before invoicing.
    roles: ['admin', 'accountant', 'invoice_officer'],
    group: 'payments',
  },
  debt: {
    path: '/debt',
    label: 'nav.debt',
    description: 'home.desc.debt',
    icon: <FieldTimeOutlined />,
    // `collection.read` on the server (an AM/KAM sees the contracts in their scope).
    roles: ['admin', 'accountant', 'collector', 'am', 'kam'],
    group: 'payments',
  },
  collectionPolicy: {
    path: '/debt/policy',
    label: 'nav.collectionPolicy',
    description: 'home.desc.collectionPolicy',
    icon: <FormOutlined />,
    roles: ['admin', 'accountant', 'collector'],
    group: 'payments',
  },
  billpayDesk: {
    path: '/billpay/desk',
    label: 'nav.billpayDesk',
    description: 'home.desc.billpayDesk',
    icon: <TransactionOutlined />,
    // `billpay.desk`: a clearing user sees their own billing center (E9), admin and accountant all.
    roles: ['clearing', 'admin', 'accountant'],
    group: 'payments',
  },
  billpaySite: {
    path: '/billpay',
    label: 'nav.billpaySite',
    description: 'home.desc.billpaySite',
    icon: <CreditCardOutlined />,
    roles: ['clearing', 'admin', 'call_center'],
    group: 'payments',
  },
  commissions: {
    path: '/commissions',
    label: 'nav.commissions',
    description: 'home.desc.commissions',
    icon: <CalculatorOutlined />,
    // `commission.read`: the accountant sees all, an AM/KAM or agent their own.
    roles: ['admin', 'accountant', 'am', 'kam', 'agent'],
    group: 'payments',
  },
  invoices: {
    path: '/invoices',
    label: 'nav.invoiceList',
    description: 'home.desc.invoices',
    icon: <FileTextOutlined />,
    // `invoice.read` on the server; retry, cancel and replace (`invoice.manage`: officer, admin) are listed per invoice.
    roles: ['invoice_officer', 'admin', 'accountant'],
    group: 'invoices',
  },
  bills: {
    path: '/bills',
    label: 'nav.bills',
    description: 'home.desc.bills',
    icon: <CreditCardOutlined />,
    // The server scopes the list: a customer's own, staff their contracts', accounting all.
    roles: ['customer', 'am', 'kam', 'agent', 'accountant', 'admin'],
    group: 'invoices',
  },
  ekyc: {
    path: '/ekyc',
    label: 'nav.ekyc',
    description: 'home.desc.ekyc',
    icon: <SafetyCertificateOutlined />,
    // The customer's own console (dashboard, request log, test page); staff read the same figures on the contract.
    roles: ['customer'],
  },
  meeting: {
    path: '/meeting',
    label: 'nav.meeting',
    description: 'home.desc.meeting',
    icon: <VideoCameraOutlined />,
    // The organisation's own pages (its admins and members); the server answers NO_ORGANISATION with the trial offer.
    roles: ['customer'],
  },
  quote: { path: '/quote', label: 'nav.quote', description: 'home.desc.quote', icon: <CalculatorOutlined /> },
  catalog: {
    path: '/catalog',
    label: 'nav.catalog',
    description: 'home.desc.catalog',
    icon: <AppstoreOutlined />,
    roles: ['admin'],
    group: 'admin',
  },
  slaPolicies: {
    path: '/support/sla-policies',
    label: 'nav.slaPolicies',
    description: 'home.desc.slaPolicies',
    icon: <FieldTimeOutlined />,
    roles: ['admin'],
    group: 'admin',
  },
  users: {
    path: '/admin/users',
    label: 'nav.users',
    description: 'home.desc.users',
    icon: <TeamOutlined />,
    roles: ['admin'],
    group: 'admin',
  },
  orgUnits: {
    path: '/admin/org-units',
    label: 'nav.orgUnits',
    description: 'home.desc.orgUnits',
    icon: <ApartmentOutlined />,
    roles: ['admin'],
    group: 'admin',
  },
  calendar: {
    path: '/admin/calendar',
    label: 'nav.calendar',
    description: 'home.desc.calendar',
    icon: <CalendarOutlined />,
    roles: ['admin'],
    group: 'admin',
  },
  audit: {
    path: '/admin/audit',
    label: 'nav.audit',
    description: 'home.desc.audit',
    icon: <AuditOutlined />,
    roles: ['admin', 'accountant'],
    group: 'admin',
  },
  outbox: {
    path: '/admin/outbox',
    label: 'nav.outbox',
    description: 'home.desc.outbox',
    icon: <MailOutlined />,
    roles: ['admin', 'ops', 'call_center'],
    group: 'admin',
  },
  profile: { path: '/profile', label: 'nav.profile', description: 'home.desc.profile', icon: <IdcardOutlined /> },
} as const satisfies Record<string, Area>;

/** Areas announced on the home page before they exist, with the roles expected to use them. */
export const COMING_SOON: readonly Omit<Area, 'path'>[] = [
  {
    label: 'nav.payments',
    description: 'home.desc.payments',
    icon: <CreditCardOutlined />,
    // VNPay payments of IT services (D) and bill payment with its clearing desk (E) are the areas above.
    roles: ['customer', 'am', 'kam'],
  },
  {
    label: 'nav.invoices',
    description: 'home.desc.invoices',
    icon: <FileTextOutlined />,
    // Staff have the area above, customers "Hoá đơn của tôi"; AM/KAM's view of their customers' invoices is still to come.
    roles: ['am', 'kam'],
  },
];
