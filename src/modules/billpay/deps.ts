import type { Database } from '../../db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import { systemCtx } from '../../platform/context.ts';
import type { JobQueue } from '../../platform/jobs.ts';
import type { LedgerPosting, LedgerSubscriber } from '../../protocols/subscriber-ledger/protocol.ts';
import type { AuditLog } from '../audit/index.ts';
import type { IdentityService } from '../identity/index.ts';
import type { InvoicingService } from '../invoicing/index.ts';
import type { NotificationService } from '../notifications/index.ts';
import type { PaymentService } from '../payments/index.ts';

/**
 * HT TC QLKH and eVoucher as billpay sees them. Reads answer at once; postings carry our `ref`
 * (the order id) so a repeat is harmless, and are only ever called from jobs, outside transactions.
 */
export interface SubscriberLedger {
  subscriber(msisdn: string): Promise<LedgerSubscriber | null>;
  post(kind: 'clear' | 'topup', p: { ref: string; msisdn: string; amountVnd: bigint }): Promise<LedgerPosting>;
  posting(kind: 'clear' | 'topup', ref: string): Promise<LedgerPosting | null>;
  reverse(kind: 'clear' | 'topup', ref: string): Promise<LedgerPosting | null>;
}

/** A refusal the ledger will repeat (unknown number, wrong type): retrying cannot help, a person must look. */
export class LedgerRefusal extends Error {}

export interface BillpayDeps {
  database: Database;
  clock: Clock;
  audit: AuditLog;
  jobs: JobQueue;
  payments: Pick<PaymentService, 'usePurpose' | 'createPurposePayment' | 'startAttempt' | 'refundIn' | 'settleByQuery'>;
  notifications: Pick<NotificationService, 'sms' | 'email' | 'registerSmsCommand'>;
  identity: Pick<IdentityService, 'orgUnit'>;
  /** E11: each requested VAT invoice is recorded with invoicing (pushed to the e-invoice provider by its job). */
  invoicing: Pick<InvoicingService, 'requestInvoice'>;
  ledger: SubscriberLedger;
  publicBaseUrl: string;
}

export type Deps = BillpayDeps;

export const SYSTEM = systemCtx('system:billpay');
/** The payments purpose billpay owns. */
export const PURPOSE = 'billpay';
/** How long VNPay's page stays open for an order, and the grace after it before the order expires. */
export const PAY_MINUTES = 15;
export const EXPIRY_GRACE_MS = 5 * 60_000;
