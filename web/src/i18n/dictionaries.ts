import { auditTexts } from '../features/audit/i18n.ts';
import { bellTexts } from '../features/bell/i18n.ts';
import { billsTexts } from '../features/bills/i18n.ts';
import { ekycTexts } from '../features/ekyc/i18n.ts';
import { meetingTexts } from '../features/meeting/i18n.ts';
import { authTexts } from '../features/auth/i18n.ts';
import { calendarTexts } from '../features/calendar/i18n.ts';
import { catalogTexts } from '../features/catalog/i18n.ts';
import { contractsTexts } from '../features/contracts/i18n.ts';
import { customersTexts } from '../features/customers/i18n.ts';
import { inboxTexts } from '../features/inbox/i18n.ts';
import { invoicesTexts } from '../features/invoices/i18n.ts';
import { myRequestsTexts } from '../features/my-requests/i18n.ts';
import { onpremQuotesTexts } from '../features/onprem-quotes/i18n.ts';
import { orgUnitsTexts } from '../features/org-units/i18n.ts';
import { outboxTexts } from '../features/outbox/i18n.ts';
import { packagesTexts } from '../features/packages/i18n.ts';
import { paymentsTexts } from '../features/payments/i18n.ts';
import { profileTexts } from '../features/profile/i18n.ts';
import { quoteTexts } from '../features/quote/i18n.ts';
import { reviewTexts } from '../features/review/i18n.ts';
import { slaPoliciesTexts } from '../features/sla-policies/i18n.ts';
import { supportDashboardTexts } from '../features/support-dashboard/i18n.ts';
import { ticketsTexts } from '../features/tickets/i18n.ts';
import { usersTexts } from '../features/users/i18n.ts';
import { collectionTexts } from '../features/collection/i18n.ts';
import { commissionsTexts } from '../features/commissions/i18n.ts';
import { billpayTexts } from '../features/billpay/i18n.ts';
import { coreTexts } from './core.ts';
import type { Lang, Texts } from './texts.ts';

/**
 * Every part of the UI text: the shared core and one file per feature (`features/<area>/i18n.ts`).
 * A key's first segment (`contract.`, `ticketStatus.` …) belongs to exactly one part, so each text
 * has one obvious place (checked by `dictionaries.test.ts`).
 */
export const TEXT_PARTS = {
  core: coreTexts,
  auth: authTexts,
  users: usersTexts,
  customers: customersTexts,
  orgUnits: orgUnitsTexts,
  calendar: calendarTexts,
  audit: auditTexts,
  outbox: outboxTexts,
  profile: profileTexts,
  catalog: catalogTexts,
  quote: quoteTexts,
  packages: packagesTexts,
  contracts: contractsTexts,
  inbox: inboxTexts,
  onpremQuotes: onpremQuotesTexts,
  tickets: ticketsTexts,
  myRequests: myRequestsTexts,
  review: reviewTexts,
  supportDashboard: supportDashboardTexts,
  slaPolicies: slaPoliciesTexts,
  payments: paymentsTexts,
  invoices: invoicesTexts,
  bills: billsTexts,
  ekyc: ekycTexts,
  meeting: meetingTexts,
  collection: collectionTexts,
  commissions: commissionsTexts,
  billpay: billpayTexts,
  bell: bellTexts,
};

type Part = (typeof TEXT_PARTS)[keyof typeof TEXT_PARTS];
type KeysOf<P> = P extends Texts<infer K> ? K : never;
export type MessageKey = KeysOf<Part>;
export type Messages = Record<MessageKey, string>;

const merged = (lang: Lang) => Object.assign({}, ...Object.values(TEXT_PARTS).map((part: Part) => part[lang])) as Messages;

export const dictionaries: Record<Lang, Messages> = { vi: merged('vi'), en: merged('en') };
