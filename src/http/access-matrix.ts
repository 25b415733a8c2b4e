import { PERMISSIONS, type Permission, type Role } from '../modules/identity/index.ts';

/**
 * Who may call which route, and on whose data (issue #10, item 6). One row per registered route
 * (`METHOD /path` as Fastify spells it); test/robustness/access-matrix.int.test.ts fails when a
 * route has no row or a row names no route, and checks every cell against the running server.
 *
 * `who`:  'anyone' (no session needed), 'signed_in' (any session), a permission (its roles in
 *         identity's PERMISSIONS), or a list of roles (a check inside the use case).
 * `on`:   the kind of object the path names (absent: the route names none).
 * `scope`: what a caller who may call the route may still not reach on `on`:
 *         'unit'     — an object of a unit outside the caller's CTKV / center / agent (corporate roles
 *                      reach every unit, see identity's CORPORATE_ROLES);
 *         'customer' — a customer reaches only their own customer's objects;
 *         'center'   — a clearing desk (C1…C6_ePayment) only its own billing center's orders;
 *         'self'     — only the caller's own account or session;
 *         'token'    — public, but only with the object's unguessable token or its subscriber's number.
 * `when`: a rule of the use case beyond role and scope (a workflow step, a stage, an object's state):
 *         an admitted caller on their own object may still be refused by it (403 FORBIDDEN).
 * Refused cells answer 401 (no session), 403 or 404 and change nothing.
 */
export type Who = 'anyone' | 'signed_in' | Permission | readonly Role[];
export type ObjectKind =
  | 'contract'
  | 'customer'
  | 'ticket'
  | 'invoice'
  | 'bill'
  | 'bill_run'
  | 'payment'
  | 'attempt'
  | 'user'
  | 'session'
  | 'quote'
  | 'amendment'
  | 'file'
  | 'api_key'
  | 'collection_case'
  | 'write_off'
  | 'ekyc_request'
  | 'message'
  | 'product'
  | 'plan'
  | 'override'
  | 'billpay_order'
  | 'invoice_batch'
  | 'pay_token'
  | 'review_token'
  | 'subscriber'
  | 'day'
  | 'request_type'
  | 'meeting_account'
  | 'meeting_unit'
  | 'meeting_room'
  | 'meeting'
  | 'meeting_api_key';
export type Scope = 'unit' | 'customer' | 'center' | 'self' | 'token';
export interface Access {
  who: Who;
  on?: ObjectKind;
  scope?: readonly Scope[];
  when?: string;
}

const UC = ['unit', 'customer'] as const;
const U = ['unit'] as const;
const sellers = ['admin', 'am', 'kam', 'agent'] as const satisfies readonly Role[];

export const ACCESS_MATRIX: Record<string, Access> = {
  // platform
  'GET /healthz': { who: 'anyone' },
  'GET /openapi.json': { who: 'anyone' },
  'GET /docs': { who: 'anyone' },
  'GET /docs/static/index.html': { who: 'anyone' },
  'GET /docs/static/swagger-initializer.js': { who: 'anyone' },
  'GET /docs/json': { who: 'anyone' },
  'GET /docs/yaml': { who: 'anyone' },
  'GET /docs/static/*': { who: 'anyone' },
  // the VNPay simulator's pages and merchant API (mounted only while simulators are on: never in production)
  'GET /sim/vnpay/paymentv2/vpcpay.html': { who: 'anyone' },
  'GET /sim/vnpay/paymentv2/Payment/Error.html': { who: 'anyone' },
  'GET /sim/vnpay/paymentv2/Transaction/PaymentMethod.html': { who: 'anyone' },
  'GET /sim/vnpay/paymentv2/Transaction/BankList.html': { who: 'anyone' },
  'GET /sim/vnpay/paymentv2/Transaction/CardInfo.html': { who: 'anyone' },
  'POST /sim/vnpay/paymentv2/Transaction/CardInfo.html': { who: 'anyone' },
  'GET /sim/vnpay/paymentv2/Transaction/Otp.html': { who: 'anyone' },
  'POST /sim/vnpay/paymentv2/Transaction/Otp.html': { who: 'anyone' },
  'GET /sim/vnpay/paymentv2/Transaction/Cancel.html': { who: 'anyone' },
  'GET /sim/vnpay/paymentv2/Transaction/Result.html': { who: 'anyone' },
  'POST /sim/vnpay/merchant_webapi/api/transaction': { who: 'anyone' },
  'GET /sim/vnpay/transactions': { who: 'anyone' },
  // identity
  'POST /api/v1/auth/login': { who: 'anyone' },
  'POST /api/v1/auth/register': { who: 'anyone' },
  'POST /api/v1/auth/logout': { who: 'signed_in', scope: ['self'] },
  'GET /api/v1/me': { who: 'signed_in', scope: ['self'] },
  'POST /api/v1/auth/password/forgot': { who: 'anyone' },
  'POST /api/v1/auth/password/reset': { who: 'anyone' },
  'GET /api/v1/auth/oidc/providers': { who: 'anyone' },
  'GET /api/v1/auth/oidc/:provider/start': { who: 'anyone' },
  'GET /api/v1/auth/oidc/:provider/callback': { who: 'anyone' },
  'POST /api/v1/auth/oidc/:provider/callback': { who: 'anyone' },
  'POST /api/v1/me/password': { who: 'signed_in', scope: ['self'] },
  'GET /api/v1/me/sessions': { who: 'signed_in', scope: ['self'] },
  'DELETE /api/v1/me/sessions': { who: 'signed_in', scope: ['self'] },
  'DELETE /api/v1/me/sessions/:id': { who: 'signed_in', on: 'session', scope: ['self'] },
  'GET /api/v1/org-units': { who: 'org.read' },
  'GET /api/v1/admin/users': { who: 'users.manage' },
  'POST /api/v1/admin/users': { who: 'users.manage' },
  'GET /api/v1/admin/users/:id': { who: 'users.manage', on: 'user' },
  'PATCH /api/v1/admin/users/:id': { who: 'users.manage', on: 'user' },
  // audit, calendar, notifications
  'GET /api/v1/audit': { who: 'audit.read' },
  'GET /api/v1/audit/facets': { who: 'audit.read' },
  'GET /api/v1/audit/verify': { who: 'audit.read' },
  'GET /api/v1/calendar/holidays': { who: 'calendar.read' },
  'GET /api/v1/calendar/overrides': { who: 'calendar.read' },
  'POST /api/v1/calendar/overrides': { who: 'calendar.manage' },
  'DELETE /api/v1/calendar/overrides/:id': { who: 'calendar.manage', on: 'override' },
  'GET /api/v1/calendar/working-hours': { who: 'calendar.read' },
  'PUT /api/v1/calendar/working-hours': { who: 'calendar.manage' },
  'GET /api/v1/calendar/days': { who: 'calendar.read' },
  'GET /api/v1/notifications/messages': { who: 'outbox.read' },
  'GET /api/v1/notifications/messages/:id': { who: 'outbox.read', on: 'message' },
  'POST /api/v1/simulators/smsc/mo': { who: 'sms.simulate' },
  'POST /api/v1/simulators/subscribers': { who: 'sms.simulate' },
  // customers
  'GET /api/v1/customers': { who: 'customer.read' },
  'POST /api/v1/customers': { who: 'customer.manage' },
  'GET /api/v1/customers/:id': { who: [...PERMISSIONS['customer.read'], 'customer'], on: 'customer', scope: UC },
  'PATCH /api/v1/customers/:id': { who: 'customer.manage', on: 'customer', scope: U },
  // catalog
  'GET /api/v1/catalog/products': { who: 'anyone' },
  'POST /api/v1/catalog/products': { who: 'catalog.manage' },
  'POST /api/v1/quotes': { who: 'anyone' },
  'PATCH /api/v1/catalog/products/:id': { who: 'catalog.manage', on: 'product' },
  'POST /api/v1/catalog/products/:id/plans': { who: 'catalog.manage', on: 'product' },
  'GET /api/v1/catalog/plans/:id/prices': { who: 'signed_in', on: 'plan' },
  'POST /api/v1/catalog/plans/:id/prices': { who: 'catalog.manage', on: 'plan' },
  'GET /api/v1/catalog/trial-policy': { who: 'anyone' },
  'PUT /api/v1/catalog/trial-policy': { who: 'catalog.manage' },
  'GET /api/v1/onprem-quotes': { who: 'onprem_quote.read' },
  'POST /api/v1/onprem-quotes': { who: 'onprem_quote.draft' },
  'POST /api/v1/onprem-quotes/:id/submit': { who: 'onprem_quote.draft', on: 'quote', scope: U },
  'POST /api/v1/onprem-quotes/:id/approve': { who: 'onprem_quote.decide', on: 'quote', scope: U },
  'POST /api/v1/onprem-quotes/:id/reject': { who: 'onprem_quote.decide', on: 'quote', scope: U },
  // contracts
  'GET /api/v1/contracts': { who: 'contract.read' },
  'POST /api/v1/contracts': { who: 'contract.declare' },
  'GET /api/v1/contracts/:id': { who: 'contract.read', on: 'contract', scope: UC },
  'POST /api/v1/self-service/contracts': { who: 'contract.buy' },
  'POST /api/v1/contracts/:id/submit': { who: 'contract.declare', on: 'contract', scope: U },
  'POST /api/v1/contracts/:id/approve': { who: ['approver_ctkv', 'approver_ttcntt'], on: 'contract', scope: U, when: 'the approval step the contract is at' },
  'POST /api/v1/contracts/:id/reject': { who: ['approver_ctkv', 'approver_ttcntt'], on: 'contract', scope: U, when: 'the approval step the contract is at' },
  'POST /api/v1/contracts/:id/cancel': { who: [...sellers, 'customer'], on: 'contract', scope: UC, when: 'a customer cancels only their own order awaiting payment' },
  'POST /api/v1/contracts/:id/suspend': { who: 'contract.suspend', on: 'contract' },
  'POST /api/v1/contracts/:id/resume': { who: 'contract.suspend', on: 'contract' },
  'POST /api/v1/contracts/:id/terminate': { who: 'contract.declare', on: 'contract', scope: U },
  'POST /api/v1/contracts/:id/provisioning/complete': { who: 'contract.provision', on: 'contract' },
  'GET /api/v1/contracts/:id/termination-quote': { who: 'contract.read', on: 'contract', scope: UC },
  'POST /api/v1/contracts/:id/documents': { who: [...sellers, 'ops'], on: 'contract', scope: U },
  'GET /api/v1/contracts/:id/documents/:fileId': { who: 'contract.read', on: 'contract', scope: UC },
  'POST /api/v1/contracts/:id/renew': { who: 'contract.declare', on: 'contract', scope: U },
  'POST /api/v1/contracts/:id/amendments': { who: 'contract.declare', on: 'contract', scope: U },
  'POST /api/v1/contracts/:id/payment-request': { who: 'contract.declare', on: 'contract', scope: U },
  'POST /api/v1/amendments/:id/complete': { who: 'contract.provision', on: 'amendment' },
  'GET /api/v1/tasks': { who: 'signed_in' },
  'GET /api/v1/tasks/overdue': { who: ['admin', 'approver_ctkv', 'approver_ttcntt'] },
  // support
  'POST /api/v1/tickets': { who: 'ticket.receive' },
  'GET /api/v1/tickets': { who: [...PERMISSIONS['ticket.read'], 'customer'] },
  'GET /api/v1/tickets/export': { who: 'ticket.read' },
  'GET /api/v1/tickets/lookup': { who: 'ticket.lookup_customer' },
  'GET /api/v1/tickets/review/:token': { who: 'anyone', on: 'review_token', scope: ['token'] },
  'POST /api/v1/tickets/review/:token': { who: 'anyone', on: 'review_token', scope: ['token'] },
  'GET /api/v1/tickets/:id': { who: [...PERMISSIONS['ticket.read'], 'customer'], on: 'ticket', scope: UC },
  'POST /api/v1/tickets/:id/events': { who: [...PERMISSIONS['ticket.read'], 'customer'], on: 'ticket', scope: UC, when: 'the desk (stage) holding the ticket and the events its role may send' },
  'POST /api/v1/tickets/:id/comments': { who: [...PERMISSIONS['ticket.read'], 'customer'], on: 'ticket', scope: UC },
  'POST /api/v1/tickets/:id/attachments': { who: [...PERMISSIONS['ticket.read'], 'customer'], on: 'ticket', scope: UC },
  'GET /api/v1/tickets/:id/attachments/:fileId': { who: [...PERMISSIONS['ticket.read'], 'customer'], on: 'ticket', scope: UC },
  'GET /api/v1/support/dashboard': { who: 'support.dashboard' },
  'GET /api/v1/support/sla-policies': { who: 'ticket.read' },
  'PUT /api/v1/support/sla-policies/:requestType': { who: 'support.manage', on: 'request_type' },
  // payments
  'POST /api/v1/orders': { who: 'contract.buy' },
  'POST /api/v1/contracts/:id/payment-link': { who: [...sellers, 'customer'], on: 'contract', scope: UC },
  'GET /api/v1/pay/:token': { who: 'anyone', on: 'pay_token', scope: ['token'] },
  'POST /api/v1/pay/:token/start': { who: 'anyone', on: 'pay_token', scope: ['token'] },
  'GET /api/v1/payments/vnpay/ipn': { who: 'anyone' },
  'GET /api/v1/payments/vnpay/return': { who: 'anyone' },
  'GET /api/v1/payments': { who: 'payment.read' },
  'POST /api/v1/payments/:id/refund': { who: 'payment.refund', on: 'payment' },
  'POST /api/v1/payments/manual': { who: 'contract.record_payment' },
  'POST /api/v1/payments/attempts/:txnRef/query': { who: 'payment.reconcile', on: 'attempt' },
  'GET /api/v1/payments/reconciliations': { who: 'payment.read' },
  'POST /api/v1/payments/reconciliations': { who: 'payment.reconcile' },
  'GET /api/v1/payments/reconciliations/:date': { who: 'payment.read', on: 'day' },
  'GET /api/v1/contracts/:id/money': { who: 'contract.read', on: 'contract', scope: UC },
  // invoicing
  'GET /api/v1/invoices': { who: [...PERMISSIONS['invoice.read'], 'customer'] },
  'GET /api/v1/invoices/counts': { who: 'invoice.read' },
  'GET /api/v1/invoices/:id': { who: [...PERMISSIONS['invoice.read'], 'customer'], on: 'invoice', scope: ['customer'] },
  'GET /api/v1/invoices/:id/xml': { who: [...PERMISSIONS['invoice.read'], 'customer'], on: 'invoice', scope: ['customer'] },
  'GET /api/v1/invoices/:id/html': { who: [...PERMISSIONS['invoice.read'], 'customer'], on: 'invoice', scope: ['customer'] },
  'POST /api/v1/invoices/:id/retry': { who: 'invoice.manage', on: 'invoice' },
  'POST /api/v1/invoices/:id/cancel': { who: 'invoice.manage', on: 'invoice' },
  'POST /api/v1/invoices/:id/replace': { who: 'invoice.manage', on: 'invoice' },
  // usage and billing
  'POST /api/v1/usage/events': { who: 'anyone', on: 'api_key', scope: ['token'] },
  'POST /api/v1/contracts/:id/api-keys': { who: 'usage.keys', on: 'contract', scope: ['customer'] },
  'GET /api/v1/contracts/:id/api-keys': { who: 'usage.keys', on: 'contract', scope: ['customer'] },
  'DELETE /api/v1/contracts/:id/api-keys/:keyId': { who: 'usage.keys', on: 'contract', scope: ['customer'] },
  'POST /api/v1/billing/runs': { who: 'billing.run' },
  'GET /api/v1/billing/runs': { who: 'billing.run' },
  'GET /api/v1/billing/runs/:id': { who: 'billing.run', on: 'bill_run' },
  // Lists filter by what the caller may see: a caller without contract.read gets an empty page, not a 403.
  'GET /api/v1/bills': { who: 'signed_in' },
  'GET /api/v1/bills/:id': { who: 'contract.read', on: 'bill', scope: UC },
  'GET /api/v1/bills/:id/print': { who: 'contract.read', on: 'bill', scope: UC },
  'GET /api/v1/contracts/:id/usage': { who: 'contract.read', on: 'contract', scope: UC },
  // collection, commissions, revenue feed
  'GET /api/v1/collection/policy': { who: 'collection.read' },
  'PUT /api/v1/collection/policy': { who: 'collection.policy' },
  'POST /api/v1/collection/run': { who: 'collection.policy' },
  'GET /api/v1/collection/aging': { who: 'collection.read' },
  'GET /api/v1/collection/aging/export': { who: 'collection.read' },
  'GET /api/v1/collection/cases': { who: 'collection.read' },
  'POST /api/v1/collection/cases/:id/assign': { who: 'collection.work', on: 'collection_case', scope: U },
  'POST /api/v1/collection/cases/:id/promises': { who: 'collection.work', on: 'collection_case', scope: U },
  'POST /api/v1/collection/cases/:id/write-off': { who: 'collection.work', on: 'collection_case', scope: U },
  'GET /api/v1/collection/write-offs': { who: 'collection.write_off' },
  'POST /api/v1/collection/write-offs/:id/approve': { who: 'collection.write_off', on: 'write_off' },
  'POST /api/v1/collection/write-offs/:id/reject': { who: 'collection.write_off', on: 'write_off' },
  'GET /api/v1/commissions': { who: 'commission.read' },
  'GET /api/v1/commissions/export': { who: 'commission.read' },
  'POST /api/v1/commissions/sync': { who: 'commission.approve' },
  'GET /api/v1/commissions/statements': { who: 'commission.read' },
  'POST /api/v1/commissions/statements/approve': { who: 'commission.approve' },
  'GET /api/v1/commissions/minutes': { who: 'commission.read' },
  'GET /api/v1/revenue-feed': { who: 'payment.reconcile' },
  'POST /api/v1/revenue-feed/close': { who: 'payment.reconcile' },
  // bill payment and top-up
  'POST /api/v1/billpay/orders': { who: 'anyone' },
  'GET /api/v1/billpay/orders/:id': { who: 'anyone', on: 'billpay_order' },
  'POST /api/v1/billpay/orders/:id/cancel': { who: 'anyone', on: 'billpay_order', scope: ['token'] },
  'POST /api/v1/billpay/orders/:id/vat-invoice': { who: 'anyone', on: 'billpay_order', scope: ['token'] },
  'GET /api/v1/billpay/invoice-batches': { who: 'billpay.desk' },
  'GET /api/v1/billpay/invoice-batches/:id/mailing-list': { who: 'billpay.desk', on: 'invoice_batch', scope: ['center'] },
  'GET /api/v1/billpay/subscribers/:msisdn': { who: 'anyone', on: 'subscriber' },
  'POST /api/v1/billpay/subscribers/:msisdn/details': { who: 'anyone', on: 'subscriber', scope: ['token'] },
  'GET /api/v1/billpay/desk/orders': { who: 'billpay.desk' },
  'GET /api/v1/billpay/desk/cases': { who: 'billpay.desk' },
  'POST /api/v1/billpay/desk/orders/:id/clear': { who: 'billpay.clear', on: 'billpay_order', scope: ['center'] },
  'POST /api/v1/billpay/desk/orders/:id/fraud-cancel': { who: 'billpay.cancel', on: 'billpay_order', scope: ['center'] },
  'GET /api/v1/billpay/reports': { who: 'billpay.desk' },
  'GET /api/v1/billpay/reports/:date': { who: 'billpay.desk', on: 'day' },
  'GET /api/v1/billpay/reports/:date/export': { who: 'billpay.desk', on: 'day' },
  'GET /api/v1/billpay/reports/:date/print': { who: 'billpay.desk', on: 'day' },
  'GET /api/v1/billpay/risk-rules': { who: 'billpay.desk' },
  'PUT /api/v1/billpay/risk-rules': { who: 'billpay.rules' },
  // eKYC
  'POST /api/v1/ekyc/checks/mrz': { who: 'anyone', on: 'api_key', scope: ['token'] },
  'POST /api/v1/ekyc/checks/id-number': { who: 'anyone', on: 'api_key', scope: ['token'] },
  'POST /api/v1/ekyc/verifications': { who: 'anyone', on: 'api_key', scope: ['token'] },
  'POST /api/v1/ekyc/contracts/:id/verifications': { who: 'contract.read', on: 'contract', scope: UC },
  'GET /api/v1/ekyc/requests': { who: 'contract.read' },
  'GET /api/v1/ekyc/requests/export': { who: 'contract.read' },
  'GET /api/v1/ekyc/requests/:id/images/:imageId': { who: 'contract.read', on: 'ekyc_request', scope: UC },
  'GET /api/v1/ekyc/dashboard': { who: 'contract.read' },
  // Meeting: the organisation's pages are for the users of its customer (checked in the use case: a
  // member, or an administrator for changes); guests by link; outside systems by the organisation's API key.
  'GET /api/v1/meeting/org': { who: 'signed_in', when: 'a member of the Meeting organisation of their customer' },
  'POST /api/v1/meeting/trial': { who: 'signed_in', when: 'a customer\'s user, once per customer (TRIAL_EXISTS)' },
  'GET /api/v1/meeting/accounts': { who: 'signed_in', when: 'a member of the Meeting organisation of their customer' },
  'POST /api/v1/meeting/accounts': { who: 'signed_in', when: 'an administrator of the organisation' },
  'PATCH /api/v1/meeting/accounts/:id': { who: 'signed_in', on: 'meeting_account', scope: ['customer'], when: 'an administrator of the organisation' },
  'DELETE /api/v1/meeting/accounts/:id': { who: 'signed_in', on: 'meeting_account', scope: ['customer'], when: 'an administrator of the organisation' },
  'GET /api/v1/meeting/units': { who: 'signed_in', when: 'a member of the Meeting organisation of their customer' },
  'POST /api/v1/meeting/units': { who: 'signed_in', when: 'an administrator of the organisation' },
  'DELETE /api/v1/meeting/units/:id': { who: 'signed_in', on: 'meeting_unit', scope: ['customer'], when: 'an administrator of the organisation' },
  'GET /api/v1/meeting/rooms': { who: 'signed_in', when: 'a member of the Meeting organisation of their customer' },
  'POST /api/v1/meeting/rooms': { who: 'signed_in', when: 'an administrator; within the room quota; organisation not suspended' },
  'PATCH /api/v1/meeting/rooms/:id': { who: 'signed_in', on: 'meeting_room', scope: ['customer'], when: 'an administrator of the organisation' },
  'DELETE /api/v1/meeting/rooms/:id': { who: 'signed_in', on: 'meeting_room', scope: ['customer'], when: 'an administrator of the organisation' },
  'GET /api/v1/meeting/live': { who: 'signed_in', when: 'a member of the Meeting organisation of their customer' },
  'GET /api/v1/meeting/usage': { who: 'signed_in', when: 'a member of the Meeting organisation of their customer' },
  'GET /api/v1/meeting/meetings': { who: 'signed_in', when: 'a member of the Meeting organisation of their customer' },
  'POST /api/v1/meeting/meetings': { who: 'signed_in', when: 'a member allowed in the room; organisation not suspended' },
  'GET /api/v1/meeting/meetings/:id': { who: 'signed_in', on: 'meeting', scope: ['customer'], when: 'a member of the Meeting organisation of their customer' },
  'POST /api/v1/meeting/meetings/:id/invite': { who: 'signed_in', on: 'meeting', scope: ['customer'], when: 'the host or an administrator' },
  'POST /api/v1/meeting/meetings/:id/end': { who: 'signed_in', on: 'meeting', scope: ['customer'], when: 'the host or an administrator' },
  'POST /api/v1/meeting/meetings/:id/join': { who: 'signed_in', on: 'meeting', scope: ['customer'], when: 'a member the room admits; the meeting not ended, not full' },
  'GET /api/v1/meeting/api-keys': { who: 'signed_in', when: 'a member of the Meeting organisation of their customer' },
  'POST /api/v1/meeting/api-keys': { who: 'signed_in', when: 'an administrator of the organisation' },
  'DELETE /api/v1/meeting/api-keys/:id': { who: 'signed_in', on: 'meeting_api_key', scope: ['customer'], when: 'an administrator of the organisation' },
  'GET /api/v1/meeting/webhook': { who: 'signed_in', when: 'a member of the Meeting organisation of their customer' },
  'PUT /api/v1/meeting/webhook': { who: 'signed_in', when: 'an administrator of the organisation' },
  'DELETE /api/v1/meeting/webhook': { who: 'signed_in', when: 'an administrator of the organisation' },
  'GET /api/v1/meeting/links/:code': { who: 'anyone', scope: ['token'] },
  'POST /api/v1/meeting/links/:code/join': { who: 'anyone', scope: ['token'] },
  'POST /api/v1/meeting/ext/meetings': { who: 'anyone', on: 'api_key', scope: ['token'] },
  'GET /api/v1/meeting/ext/meetings': { who: 'anyone', on: 'api_key', scope: ['token'] },
  'GET /api/v1/meeting/ext/meetings/:id': { who: 'anyone', on: 'api_key', scope: ['token'] },
  'POST /api/v1/meeting/ext/meetings/:id/end': { who: 'anyone', on: 'api_key', scope: ['token'] },
  'POST /api/v1/meeting/ext/meetings/:id/invite': { who: 'anyone', on: 'api_key', scope: ['token'] },
  'GET /api/v1/meeting/ext/meetings/:id/participants': { who: 'anyone', on: 'api_key', scope: ['token'] },
  'GET /api/v1/meeting/ext/rooms': { who: 'anyone', on: 'api_key', scope: ['token'] },
  // The live meeting's WebSocket: a seat only with a join token in its first frame (a plain GET: 426).
  'GET /api/v1/meeting/live/ws': { who: 'anyone', scope: ['token'] },
  // The browsers' way to Janus: only with the media ticket of a live participant.
  'POST /api/v1/meeting/media/janus': { who: 'anyone', scope: ['token'] },
  'GET /api/v1/meeting/media/janus/:session': { who: 'anyone', scope: ['token'] },
  'POST /api/v1/meeting/media/janus/:session': { who: 'anyone', scope: ['token'] },
  'POST /api/v1/meeting/media/janus/:session/:handle': { who: 'anyone', scope: ['token'] },
  // The notification bell: the caller's own feed (items read through each module's scoped API).
  'GET /api/v1/notifications/feed': { who: 'signed_in' },
  'POST /api/v1/notifications/feed/read': { who: 'signed_in', scope: ['self'] },
  'POST /api/v1/ekyc/liveness-challenges': { who: 'anyone', on: 'api_key', scope: ['token'] },
  'POST /api/v1/ekyc/contracts/:id/liveness-challenges': { who: 'contract.read', on: 'contract', scope: UC },
};

/** The roles a row admits (every role for 'anyone' and 'signed_in'). */
export function rolesOf(who: Who, all: readonly Role[]): readonly Role[] {
  if (who === 'anyone' || who === 'signed_in') return all;
  if (typeof who === 'string') return PERMISSIONS[who];
  return who;
}
