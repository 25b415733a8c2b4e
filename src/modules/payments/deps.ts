import type { BlockList } from 'node:net';
import type { Database, Executor } from '../../db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import { systemCtx, type Ctx } from '../../platform/context.ts';
import type { JobQueue } from '../../platform/jobs.ts';
import type { AuditLog } from '../audit/index.ts';
import type { ContractService } from '../contracts/index.ts';
import type { CustomerService } from '../customers/index.ts';
import type { InvoicingService } from '../invoicing/index.ts';
import type { VnpayClient } from './vnpay/client.ts';

export interface VnpaySettings {
  tmnCode: string;
  hashSecret: string;
  payUrl: string;
  linkSecret: string;
  linkDays: number;
  publicBaseUrl: string;
  serverIp: string;
  /** When not empty, IPNs from other addresses (or CIDR ranges) are refused. */
  ipnAllowedIps: string[];
}

/** A bill line as the e-invoice prints it (before VAT). */
export interface BillInvoiceLine {
  code: string;
  name: string;
  unit: string;
  quantity: number;
  unitPriceVnd: bigint | null;
  amountVnd: bigint;
  vatRate: string;
}

/** What payments needs of postpaid bills; the billing module plugs it in (`useBills`), so neither imports the other's loop. */
export interface BillPort {
  /** Applies money received for a bill inside the payment's transaction (the bill's paid hook). */
  paidIn(tx: Executor, ctx: Ctx, billId: string, p: { paymentId: string; amountVnd: bigint; paidAt: Date }): Promise<void>;
  /** The lines of the bill's e-invoice. */
  invoiceLines(billId: string): Promise<BillInvoiceLine[]>;
  /** Opens the link payment of a bill of the contract that has none yet (NOT_FOUND if the bill is not the contract's). */
  openPayment(tx: Executor, billId: string, contractId: string): Promise<string>;
}

/**
 * What payments needs of another module that sells through VNPay without a contract (`usePurpose`):
 * both hooks run inside the IPN's (or querydr's) transaction.
 */
export interface PurposePort {
  /** The money arrived for the purpose's reference. */
  paidIn(tx: Executor, ctx: Ctx, ref: string, p: { paymentId: string; amountVnd: bigint; paidAt: Date; bankCode: string; txnRef: string }): Promise<void>;
  /** VNPay said an attempt failed (cancelled, declined, wrong OTP …). */
  failedIn(tx: Executor, ctx: Ctx, ref: string, p: { paymentId: string; responseCode: string }): Promise<void>;
}

/** What the payments module is given by the composition root. */
export interface PaymentModuleDeps {
  audit: AuditLog;
  jobs: JobQueue;
  contracts: ContractService;
  customers: CustomerService;
  invoicing: InvoicingService;
  vnpay: VnpayClient;
  settings: VnpaySettings;
}

/** The one object every payments use case receives. */
export interface Deps extends PaymentModuleDeps {
  database: Database;
  clock: Clock;
  /** VNPAY_IPN_ALLOWED_IPS as a list to check against; null when every source is accepted. */
  ipnSources: BlockList | null;
  /** Set by `useBills` once the billing module exists. */
  bills?: BillPort;
  /** Set by `usePurpose`: the modules that own payments of their own (by `payments.purpose`). */
  purposes: Map<string, PurposePort>;
}

/** The slice of a pino/Fastify logger the IPN uses (the request's own, so lines carry the request id). */
export interface PaymentLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** The bill port; a bill payment cannot exist before billing plugs it in. */
export function billsOf(d: Deps): BillPort {
  if (!d.bills) throw new Error('the billing module is not plugged into payments');
  return d.bills;
}

/** The port of a payment's purpose; a purpose payment cannot exist before its module plugs it in. */
export function purposeOf(d: Deps, purpose: string): PurposePort {
  const port = d.purposes.get(purpose);
  if (!port) throw new Error(`no module is plugged into payments for ${purpose}`);
  return port;
}

/** Who acts when VNPay (IPN, querydr) or a payments job changes something. */
export const SYSTEM = systemCtx('system:vnpay');
