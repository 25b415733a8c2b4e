export {
  InvoicingService,
  INVOICING_JOBS,
  type InvoiceRow,
  type InvoiceStatus,
  type InvoiceFilter,
  type InvoiceCorrections,
  type RequestInvoiceInput,
} from './service.ts';
export type { InvoiceMailer, InvoicingDeps } from './deps.ts';
export { PUSH_FAILED_TEMPLATE } from './use-cases/push-invoice.ts';
export { buyerOfCustomer, newInvoiceId } from './domain/invoice-data.ts';
export { invoiceRoutes } from './routes.ts';
export { invoicingConfig, MOBIFONE_IT_CENTER, PLACEHOLDER_SELLER_TAX_CODE, type InvoicingConfig } from './config.ts';
export { mayInvoice, type InvoicePermission } from './access.ts';
export { EinvoiceProviderError, issueWithRecovery, unconfiguredProvider, type EinvoiceProvider, type IssueResult, type ProviderFailure } from './provider.ts';
export { MInvoiceAdapter, type MInvoiceOptions } from './minvoice/adapter.ts';
export {
  RATE_CODES,
  rateFromCatalog,
  type Buyer,
  type LineInput,
  type LineKind,
  type RateCode,
  type CanonicalInvoice,
  type InvoiceRelation,
} from './domain/invoice.ts';
export { readVietnameseAmount, readVietnameseNumber } from './domain/words.ts';
