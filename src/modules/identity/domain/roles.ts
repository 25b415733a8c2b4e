import type { Actor } from '../../../platform/context.ts';
import { ROLES, type Role } from '../contract.ts';

/** SPEC B2: the role codes are the contract's (the web reads them too); labels here are for e-mails. */
export { ROLES, type Role };

export const ROLE_LABELS: Record<Role, { vi: string; en: string }> = {
  customer: { vi: 'Khách hàng', en: 'Customer' },
  am: { vi: 'AM', en: 'Account manager' },
  kam: { vi: 'KAM', en: 'Key account manager' },
  agent: { vi: 'Đại lý', en: 'Agent' },
  approver_ctkv: { vi: 'Phê duyệt CTKV', en: 'CTKV approver' },
  approver_ttcntt: { vi: 'Phê duyệt TT CNTT', en: 'TT CNTT approver' },
  ops: { vi: 'Chuyên viên vận hành', en: 'Operations specialist' },
  invoice_officer: { vi: 'Cán bộ hoá đơn', en: 'Invoice officer' },
  call_center: { vi: 'Điện thoại viên', en: 'Call-center agent' },
  product_ctkv: { vi: 'Phòng sản phẩm CTKV', en: 'CTKV product department' },
  gpth: { vi: 'Phòng GPTH TT CNTT', en: 'TT CNTT solutions & integration' },
  accountant: { vi: 'Kế toán', en: 'Accountant' },
  admin: { vi: 'Quản trị hệ thống', en: 'Administrator' },
  clearing: { vi: 'Gạch nợ (ePayment)', en: 'Debt clearing (ePayment)' },
  collector: { vi: 'Thu nợ', en: 'Debt collection' },
};

/** What each role may do. Later modules add their permissions here, next to the others. */
export const PERMISSIONS = {
  'users.manage': ['admin'],
  'org.read': ['admin', 'am', 'kam', 'agent', 'approver_ctkv', 'approver_ttcntt', 'ops', 'invoice_officer', 'call_center', 'product_ctkv', 'gpth', 'accountant', 'clearing', 'collector'],
  'calendar.read': ['admin', 'am', 'kam', 'agent', 'approver_ctkv', 'approver_ttcntt', 'ops', 'invoice_officer', 'call_center', 'product_ctkv', 'gpth', 'accountant', 'clearing', 'collector'],
  'calendar.manage': ['admin'],
  'audit.read': ['admin', 'accountant'],
  'outbox.read': ['admin', 'ops', 'call_center'],
  'sms.simulate': ['admin', 'ops', 'call_center'],
  'catalog.manage': ['admin'],
  'onprem_quote.read': ['admin', 'am', 'kam', 'agent', 'approver_ctkv', 'approver_ttcntt'],
  'onprem_quote.draft': ['am', 'kam', 'agent'],
  'onprem_quote.decide': ['approver_ctkv', 'approver_ttcntt'],
  'customer.read': ['admin', 'am', 'kam', 'agent', 'approver_ctkv', 'approver_ttcntt', 'ops', 'invoice_officer', 'call_center', 'product_ctkv', 'gpth', 'accountant', 'collector'],
  'customer.manage': ['admin', 'am', 'kam', 'agent'],
  'contract.read': ['admin', 'am', 'kam', 'agent', 'approver_ctkv', 'approver_ttcntt', 'ops', 'invoice_officer', 'call_center', 'product_ctkv', 'gpth', 'accountant', 'customer', 'collector'],
  'contract.declare': ['admin', 'am', 'kam', 'agent'],
  'contract.approve_ctkv': ['approver_ctkv'],
  'contract.approve_ttcntt': ['approver_ttcntt'],
  'contract.provision': ['ops'],
  'contract.record_payment': ['admin', 'accountant'],
  'contract.suspend': ['admin', 'ops'],
  'contract.buy': ['customer'],
  'ticket.read': ['admin', 'am', 'kam', 'call_center', 'product_ctkv', 'gpth', 'approver_ctkv', 'approver_ttcntt', 'ops'],
  'ticket.receive': ['call_center', 'am', 'kam', 'customer'],
  /** Finding a customer (name, phone, e-mail) by the caller's phone number: the desks that take requests by phone, within their scope. */
  'ticket.lookup_customer': ['call_center', 'am', 'kam'],
  'support.dashboard': ['admin', 'call_center', 'product_ctkv', 'gpth', 'approver_ctkv', 'approver_ttcntt'],
  'support.manage': ['admin'],
  'payment.read': ['admin', 'accountant', 'invoice_officer'],
  'payment.refund': ['admin'],
  'payment.reconcile': ['admin', 'accountant'],
  'invoice.read': ['admin', 'invoice_officer', 'accountant'],
  'invoice.manage': ['invoice_officer', 'admin'],
  /** Commissions (A6): each AM/KAM/agent reads their own; the accountant reads all and approves the statements. */
  'commission.read': ['admin', 'accountant', 'am', 'kam', 'agent'],
  'commission.approve': ['accountant'],
  /** Collection and debt (G2): cases are worked by the AM or the collection staff; the accountant approves write-offs. */
  'collection.read': ['admin', 'accountant', 'collector', 'am', 'kam'],
  'collection.work': ['accountant', 'collector', 'am', 'kam'],
  'collection.policy': ['admin', 'accountant'],
  'collection.write_off': ['accountant'],
  'billing.run': ['admin', 'accountant'],
  'usage.keys': ['admin', 'ops', 'customer'],
  /** Bill payment and top-up (SPEC E): the clearing desk sees its own center (E9); admin and accountant all centers. */
  'billpay.desk': ['clearing', 'admin', 'accountant'],
  'billpay.clear': ['clearing'],
  /** E7: cancelling an approved transaction found fraudulent (refund through VNPay). */
  'billpay.cancel': ['clearing', 'admin'],
  'billpay.rules': ['admin'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

/**
 * Roles that act for the whole corporation (TT CNTT owns the products; the call center serves every
 * region). Everyone else sees only the subtree of their own regional company, center or agent.
 */
const CORPORATE_ROLES: ReadonlySet<string> = new Set<Role>([
  'admin',
  'approver_ttcntt',
  'ops',
  'invoice_officer',
  'call_center',
  'gpth',
  'accountant',
  'collector',
]);

export function permissionsOf(roles: readonly string[]): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) =>
    (PERMISSIONS[p] as readonly string[]).some((r) => roles.includes(r)),
  );
}

export function hasPermission(actor: Pick<Actor, 'roles'>, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly string[]).some((r) => actor.roles.includes(r));
}

/**
 * May `actor` act on something owned by the unit at `resourcePath`?
 * `scopePath` is the actor's scope root (see `scopeRootPath`), not necessarily their own department.
 */
export function withinScope(actor: Pick<Actor, 'roles' | 'kind'>, scopePath: string | null, resourcePath: string): boolean {
  if (actor.kind === 'system') return true;
  if (actor.roles.some((r) => CORPORATE_ROLES.has(r))) return true;
  return scopePath !== null && resourcePath.startsWith(scopePath);
}

export interface UnitNode {
  id: string;
  kind: string;
  path: string;
}

/**
 * The scope root of a unit: the nearest enclosing regional company, billing center, agent or center
 * (an AM in the KHDN department of CTKV 1 works for all of CTKV 1).
 */
export function scopeRootPath(unit: UnitNode, byId: (id: string) => UnitNode | undefined): string {
  const ids = unit.path.split('/').filter(Boolean);
  for (let i = ids.length - 1; i >= 0; i--) {
    const u = byId(ids[i]);
    if (u && ['regional_company', 'billing_center', 'agent', 'center'].includes(u.kind)) return u.path;
  }
  return unit.path;
}
