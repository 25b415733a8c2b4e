import type { ReactNode } from 'react';
import {
  ApartmentOutlined,
  AuditOutlined,
  CalendarOutlined,
  CreditCardOutlined,
  CustomerServiceOutlined,
  FileProtectOutlined,
  FileTextOutlined,
  HomeOutlined,
  IdcardOutlined,
  MailOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { Role } from '../../api/types.ts';
import type { MessageKey } from '../../i18n/index.tsx';

/** A functional area of the UI: one menu entry, one home card, one role guard. */
export interface Area {
  path: string;
  label: MessageKey;
  description: MessageKey;
  icon: ReactNode;
  /** Roles that may open it; absent = every signed-in user. */
  roles?: readonly Role[];
  group?: 'admin';
}

export const AREAS = {
  home: { path: '/', label: 'nav.home', description: 'nav.home', icon: <HomeOutlined /> },
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
    label: 'nav.contracts',
    description: 'home.desc.contracts',
    icon: <FileProtectOutlined />,
    roles: ['customer', 'am', 'kam', 'agent', 'approver_ctkv', 'approver_ttcntt', 'product_ctkv', 'gpth', 'admin'],
  },
  {
    label: 'nav.payments',
    description: 'home.desc.payments',
    icon: <CreditCardOutlined />,
    roles: ['customer', 'am', 'kam', 'accountant', 'clearing', 'admin'],
  },
  {
    label: 'nav.tickets',
    description: 'home.desc.tickets',
    icon: <CustomerServiceOutlined />,
    roles: ['customer', 'am', 'kam', 'agent', 'ops', 'call_center', 'gpth', 'admin'],
  },
  {
    label: 'nav.invoices',
    description: 'home.desc.invoices',
    icon: <FileTextOutlined />,
    roles: ['customer', 'am', 'kam', 'invoice_officer', 'accountant', 'admin'],
  },
];
