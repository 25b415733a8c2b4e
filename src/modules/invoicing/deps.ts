import type { Database, Executor } from '../../db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import { systemCtx } from '../../platform/context.ts';
import type { Locale } from '../../platform/errors.ts';
import type { JobQueue } from '../../platform/jobs.ts';
import type { AuditLog } from '../audit/index.ts';
import type { InvoicingConfig } from './config.ts';
import type { Buyer } from './domain/invoice.ts';
import type { EinvoiceProvider } from './provider.ts';

/** The slice of `NotificationService` this module uses (e-mail queued in the caller's transaction). */
export interface InvoiceMailer {
  email(
    ex: Executor,
    m: { to: string; template: string; locale: Locale; data: Record<string, string | number>; related?: { type: string; id: string } },
  ): Promise<unknown>;
}

/** What the invoicing module is given by the composition root. */
export interface InvoicingDeps {
  audit: AuditLog;
  jobs: JobQueue;
  provider: EinvoiceProvider;
  notifications: InvoiceMailer;
  /** The invoice officers' e-mail addresses (identity: `identity.emailsOfRole('invoice_officer', null, ex)`). */
  officerEmails: (ex: Executor) => Promise<string[]>;
  /** The buyer as the customer's record says today (identity), for re-sending an invoice that needed data. */
  customerBuyer?: (customerId: string, ex: Executor) => Promise<Buyer>;
  config: InvoicingConfig;
  log?: { warn(obj: object, msg: string): void };
}

/** The one object every invoicing use case receives. */
export interface Deps extends InvoicingDeps {
  database: Database;
  clock: Clock;
}

/** Who acts when a job (push, cancel at the provider) changes an invoice. */
export const SYSTEM = systemCtx('system:invoicing');
