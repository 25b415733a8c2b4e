import { AppError } from '../../platform/errors.ts';
import type { CanonicalInvoice } from './domain/invoice.ts';

/**
 * The port to an e-invoice provider (M-Invoice, Viettel S-Invoice, VNPT, …). The provider gives the
 * number (SHDon, consecutive per symbol) and, for "C" series, the tax authority's code (MCCQT).
 * Every call is keyed by our idempotency key, so a repeat never creates a second invoice.
 */
export interface IssueResult {
  number: number;
  series: string;
  issueDate: string;
  mccqt: string | null;
  /** The provider's own id of the invoice. */
  providerRef: string;
  status: 'issued' | 'cancelled' | 'replaced';
}

export interface EinvoiceProvider {
  readonly name: string;
  /** Issues (or, for a key it already has, returns) the invoice; the canonical invoice has no number yet. */
  issue(invoice: CanonicalInvoice, idempotencyKey: string): Promise<IssueResult>;
  /** The invoice issued under this key, or null when the provider has none. */
  get(idempotencyKey: string): Promise<IssueResult | null>;
  /** Cancels an issued invoice (idempotent). */
  cancel(ref: { idempotencyKey: string; providerRef: string }, reason: string): Promise<void>;
}

/**
 * - `unavailable`: the provider refused or could not be reached; nothing was processed, retry later.
 * - `timeout`: the request may have been processed (no answer); look the key up before re-issuing.
 * - `auth`: credentials refused; retry after the configuration is fixed.
 * - `protocol`: an answer we cannot read; retry.
 * - `rejected`: the provider refused the data (symbol, rates, sums …); retrying the same data will not help.
 */
export type ProviderFailure = 'unavailable' | 'timeout' | 'auth' | 'protocol' | 'rejected';

export class EinvoiceProviderError extends Error {
  constructor(
    readonly kind: ProviderFailure,
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'EinvoiceProviderError';
  }

  get retryable(): boolean {
    return this.kind !== 'rejected';
  }

  /** The request may have reached the provider and been committed. */
  get outcomeUnknown(): boolean {
    return this.kind === 'timeout' || this.kind === 'protocol';
  }
}

export const isProviderError = (e: unknown): e is EinvoiceProviderError => e instanceof EinvoiceProviderError;

/** A failure as the invoice officer reads it (stored as the invoice's last error, at most 2,000 characters). */
export function describeFailure(err: unknown): string {
  if (isProviderError(err)) return `${err.kind}${err.code ? ` ${err.code}` : ''}: ${err.message}`.slice(0, 2000);
  if (err instanceof AppError) return `${err.code}: ${err.message}`.slice(0, 2000);
  return (err instanceof Error ? err.message : String(err)).slice(0, 2000);
}

/**
 * One push: after any earlier attempt, look the key up first; a push whose outcome is unknown
 * (timeout after the provider committed) is looked up before anyone re-issues, so it never
 * creates a second invoice nor leaves a gap in the numbers.
 */
export async function issueWithRecovery(
  provider: EinvoiceProvider,
  invoice: CanonicalInvoice,
  key: string,
  opts: { lookupFirst: boolean },
): Promise<{ result: IssueResult; via: 'lookup' | 'issue' | 'lookup_after_timeout' }> {
  if (opts.lookupFirst) {
    const found = await provider.get(key);
    if (found) return { result: found, via: 'lookup' };
  }
  try {
    return { result: await provider.issue(invoice, key), via: 'issue' };
  } catch (err) {
    if (!isProviderError(err) || !err.outcomeUnknown) throw err;
    const found = await provider.get(key).catch(() => null);
    if (found) return { result: found, via: 'lookup_after_timeout' };
    throw err;
  }
}

/** For processes without a configured provider (e.g. the CLI without simulators): every push waits and retries. */
export const unconfiguredProvider: EinvoiceProvider = {
  name: 'none',
  issue: async () => {
    throw new EinvoiceProviderError('unavailable', 'no e-invoice provider is configured');
  },
  get: async () => {
    throw new EinvoiceProviderError('unavailable', 'no e-invoice provider is configured');
  },
  cancel: async () => {
    throw new EinvoiceProviderError('unavailable', 'no e-invoice provider is configured');
  },
};
