import { z } from 'zod';
import { id, instantOut, localDate, paged, vndOut, vndString } from '../../shared/fields.ts';

/** A buyer's MST: 10 digits, 10-3 for a branch, or the 12-digit personal identification number used as a tax code. */
export const TAX_CODE_RE = /^(\d{10}|\d{10}-\d{3}|\d{12})$/;

/**
 * The invoicing module's HTTP contract (e-invoices, Decree 123/2020, Circular 78/2021): the statuses and
 * VAT rates as data, and every route's request and response schema. Imports only zod and src/shared.
 */

/**
 * `needs_data`: the buyer or line data cannot make a valid invoice (reasons in `data_problems`), waiting
 * for the invoice officer; `cancelling`: an issued invoice whose cancellation the provider is being asked.
 */
export const INVOICE_STATUSES = ['needs_data', 'pending', 'issuing', 'issued', 'cancelling', 'failed', 'cancelled', 'replaced'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
/** What the invoice officer may do to an invoice. */
export const INVOICE_ACTIONS = ['retry', 'cancel', 'replace'] as const;
export type InvoiceAction = (typeof INVOICE_ACTIONS)[number];
/** TSuat: the VAT treatment of a line. */
export const RATE_CODES = ['KCT', '0%', '5%', '8%', '10%', 'KKKNT'] as const;
export type RateCode = (typeof RATE_CODES)[number];

// ---- requests ----------------------------------------------------------------------------------

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const buyerInput = z
  .object({
    name: z.string().trim().min(1).max(400),
    taxCode: optionalText(14),
    address: optionalText(400),
    email: optionalText(50),
    phone: optionalText(20),
    customerCode: optionalText(50),
    contactName: optionalText(100),
  })
  .strict();

export const lineInput = z
  .object({
    kind: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(),
    code: optionalText(50),
    name: z.string().trim().min(1).max(500),
    unit: optionalText(50),
    quantity: z.number().int().min(1).max(1_000_000_000).nullable().optional(),
    unitPrice: vndString.nullable().optional(),
    amount: vndString.nullable().optional(),
    rate: z.enum(RATE_CODES).nullable().optional(),
  })
  .strict();
const lines = z.array(lineInput).min(1).max(500);

export const invoiceQuery = z
  .object({
    status: z.enum(INVOICE_STATUSES).optional(),
    q: z.string().trim().max(100).optional(),
    customerId: id.optional(),
    contractId: id.optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(20),
  })
  .strict();
export const invoiceParams = z.object({ id });
export const retryBody = z
  .object({ buyer: buyerInput.optional(), lines: lines.optional(), buyerFromCustomer: z.boolean().optional() })
  .strict()
  .refine((b) => !(b.buyer && b.buyerFromCustomer), 'either a corrected buyer or the buyer from the customer record');
export const cancelBody = z.object({ reason: z.string().trim().min(3).max(255) }).strict();
export const replaceBody = z.object({ buyer: buyerInput.optional(), lines: lines.optional(), reason: z.string().trim().min(3).max(255) }).strict();

export type InvoiceQuery = z.input<typeof invoiceQuery>;
export type BuyerInput = z.input<typeof buyerInput>;
export type LineInputBody = z.input<typeof lineInput>;
export type RetryBody = z.input<typeof retryBody>;
export type ReplaceBody = z.input<typeof replaceBody>;

// ---- responses ---------------------------------------------------------------------------------

/** A row of `GET /invoices`; `attempts`, `lastError` and `dataProblems` for staff only. */
export const invoice = z.object({
  id: z.string(),
  status: z.enum(INVOICE_STATUSES),
  /** KHMSHDon, e.g. "1". */
  form: z.string(),
  /** KHHDon, e.g. "C26TMB". */
  series: z.string(),
  /** SHDon; null until issued. */
  number: z.number().int().nullable(),
  issuedDate: localDate.nullable(),
  taxAuthorityCode: z.string().nullable(),
  buyer: z.object({ name: z.string(), taxCode: z.string().nullable() }),
  subtotalVnd: vndOut,
  vatVnd: vndOut,
  discountVnd: vndOut,
  totalVnd: vndOut,
  sourcePaymentId: z.string().nullable(),
  paidAt: instantOut,
  customerId: z.string().nullable(),
  contractId: z.string().nullable(),
  replacesId: z.string().nullable(),
  replacedById: z.string().nullable(),
  attempts: z.number().int().optional(),
  lastError: z.string().nullable().optional(),
  /** Why the data cannot make an invoice yet (status `needs_data`), in words. */
  dataProblems: z.array(z.string()).optional(),
  createdAt: instantOut,
  updatedAt: instantOut,
});
export const invoicePage = paged(invoice);
export const invoiceCounts = z.record(z.enum(INVOICE_STATUSES), z.number().int());

export const invoiceBuyer = z.object({
  name: z.string(),
  taxCode: z.string().nullable().optional(),
  address: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
  customerCode: z.string().nullable().optional(),
  contactName: z.string().nullable().optional(),
});

export const invoiceLine = z.object({
  no: z.number().int(),
  /** 1 goods/service, 2 promotion, 3 trade discount, 4 note. */
  kind: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  code: z.string().nullable(),
  name: z.string(),
  unit: z.string().nullable(),
  quantity: z.number().int().nullable(),
  unitPrice: z.string().nullable(),
  amount: z.string().nullable(),
  rate: z.enum(RATE_CODES).nullable(),
});

/** TTHDLQuan: the invoice a replacement replaces. */
export const invoiceRelation = z.object({
  kind: z.enum(['replace', 'adjust']),
  form: z.string(),
  series: z.string(),
  number: z.number().int(),
  issueDate: z.string(),
  note: z.string().nullable().optional(),
});

export const invoiceDetail = invoice.extend({
  paymentMethod: z.string(),
  seller: z.object({ name: z.string(), taxCode: z.string(), address: z.string() }),
  buyer: invoiceBuyer,
  lines: z.array(invoiceLine),
  byRate: z.array(z.object({ rate: z.enum(RATE_CODES), amount: vndOut, vat: vndOut })),
  /** Null while the invoice needs data. */
  totalInWords: z.string().nullable(),
  relation: invoiceRelation.nullable(),
  /** Replacements of this invoice, newest first (withdrawn attempts included). */
  replacements: z.array(
    z.object({ id: z.string(), status: z.enum(INVOICE_STATUSES), series: z.string(), number: z.number().int().nullable(), issuedDate: z.string().nullable() }),
  ),
  cancelReason: z.string().nullable(),
  cancelledAt: instantOut.nullable(),
  issuedAt: instantOut.nullable(),
  provider: z.string().nullable().optional(),
  providerRef: z.string().nullable().optional(),
  /** What the caller may do now (empty without `invoice.manage`). */
  actions: z.array(z.enum(INVOICE_ACTIONS)),
});

export type Invoice = z.infer<typeof invoice>;
export type InvoiceBuyer = z.infer<typeof invoiceBuyer>;
export type InvoiceLine = z.infer<typeof invoiceLine>;
export type InvoiceRelation = z.infer<typeof invoiceRelation>;
export type InvoiceDetail = z.infer<typeof invoiceDetail>;
export type InvoiceRate = RateCode;
