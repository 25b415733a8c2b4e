import type { BlockList } from 'node:net';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import { systemCtx } from '../../platform/context.ts';
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
}

/** The slice of a pino/Fastify logger the IPN uses (the request's own, so lines carry the request id). */
export interface PaymentLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Who acts when VNPay (IPN, querydr) or a payments job changes something. */
export const SYSTEM = systemCtx('system:vnpay');
