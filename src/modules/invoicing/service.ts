import type { Database, Executor } from '../../db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Deps, InvoicingDeps } from './deps.ts';
import { invoiceOfPayment } from './queries.ts';
import { cancelAtProvider, CANCEL_QUEUE } from './use-cases/cancel-at-provider.ts';
import { cancelInvoice } from './use-cases/cancel-invoice.ts';
import { countInvoices } from './use-cases/count-invoices.ts';
import { exportInvoiceXml } from './use-cases/export-invoice-xml.ts';
import { getInvoice } from './use-cases/get-invoice.ts';
import { listContractInvoices } from './use-cases/list-contract-invoices.ts';
import { listInvoices, type InvoiceFilter } from './use-cases/list-invoices.ts';
import { pushInvoice, PUSH_QUEUE, type PushPayload } from './use-cases/push-invoice.ts';
import { renderInvoice } from './use-cases/render-invoice.ts';
import { replaceInvoice } from './use-cases/replace-invoice.ts';
import { requestInvoice, type RequestInvoiceInput } from './use-cases/request-invoice.ts';
import { retryInvoice, type InvoiceCorrections } from './use-cases/retry-invoice.ts';

export const INVOICING_JOBS = { push: PUSH_QUEUE, cancel: CANCEL_QUEUE } as const;

/**
 * E-invoices (SPEC C1 step 5, C2 step 7, D4): requested in the payment's transaction, pushed to the
 * provider by a durable job with retries, numbered by the provider (gapless per series, recorded
 * under a row lock only when accepted), cancelled or replaced by an officer; every change audited.
 * A thin facade: each method is one use case in `use-cases/`.
 */
export class InvoicingService {
  private readonly d: Deps;

  constructor(database: Database, clock: Clock, deps: InvoicingDeps) {
    const d: Deps = (this.d = { ...deps, database, clock });
    deps.jobs.register(PUSH_QUEUE, (p: PushPayload, job) => pushInvoice(d, p.invoiceId, (p.attemptsBefore ?? 0) + job.attempt));
    deps.jobs.register(CANCEL_QUEUE, (p: { invoiceId: string }, job) => cancelAtProvider(d, p.invoiceId, job.attempt));
  }

  requestInvoice = (tx: Executor, ctx: Ctx, input: RequestInvoiceInput) => requestInvoice(this.d, tx, ctx, input);
  push = (invoiceId: string, attempt?: number) => pushInvoice(this.d, invoiceId, attempt);
  retry = (ctx: Ctx, id: string, corrections?: InvoiceCorrections) => retryInvoice(this.d, ctx, id, corrections);
  cancel = (ctx: Ctx, id: string, reason: string) => cancelInvoice(this.d, ctx, id, reason);
  cancelAtProvider = (invoiceId: string, attempt?: number) => cancelAtProvider(this.d, invoiceId, attempt);
  replace = (ctx: Ctx, id: string, input: InvoiceCorrections & { reason: string }) => replaceInvoice(this.d, ctx, id, input);
  list = (ctx: Ctx, f: InvoiceFilter) => listInvoices(this.d, ctx, f);
  counts = (ctx: Ctx) => countInvoices(this.d, ctx);
  ofContract = (contractId: string) => listContractInvoices(this.d, contractId);
  get = (ctx: Ctx, id: string) => getInvoice(this.d, ctx, id);
  xml = (ctx: Ctx, id: string) => exportInvoiceXml(this.d, ctx, id);
  html = (ctx: Ctx, id: string) => renderInvoice(this.d, ctx, id);
  byPayment = (paymentId: string) => invoiceOfPayment(this.d, paymentId);
}

export type { InvoiceRow } from './queries.ts';
export type { InvoiceStatus } from './domain/invoice-lifecycle.ts';
export type { InvoiceFilter, InvoiceCorrections, RequestInvoiceInput };
export type { InvoiceMailer, InvoicingDeps } from './deps.ts';
