import { z } from 'zod';
import { id, instantOut, localDate, pageQuery, paged, listOf, vndOut, vndString } from '../../shared/fields.ts';

/** The catalog's HTTP contract: products, plans, price versions, quotes, the trial policy, On-Premise quotes. */

export const VAT_RATES = ['KCT', '0', '5', '8', '10'] as const;
export const EDITIONS = ['saas', 'on_premise'] as const;
export const BILLINGS = ['prepaid', 'postpaid'] as const;
export const ONPREM_QUOTE_STATUSES = ['draft', 'submitted', 'approved', 'rejected', 'used'] as const;

export const vatRate = z.enum(VAT_RATES);
export const edition = z.enum(EDITIONS);
export const billing = z.enum(BILLINGS);
const productStatus = z.enum(['active', 'retired']);
export const productCode = z.string().trim().min(2).max(30).regex(/^[A-Za-z0-9_-]+$/);
/** How many units a purchase has (requests in a month, rooms). */
export const quantity = z.number().int('must be a whole number').min(1, 'must be at least 1').max(1_000_000_000);
export const periodMonths = z.number().int().min(1).max(60);
const name = z.string().trim().min(2).max(200);
const bp = z.number().int().min(0).max(10_000);

// ---- price models, in their JSON form (money as decimal strings of whole đồng) ------------------------

/** A quantity band: `upTo` inclusive; null = no upper bound (the last band). */
export const priceTier = z.object({ upTo: z.number().int().nullable(), unitPriceVnd: z.string() });
/** Price per unit per month, keyed by the period in months ("1", "6", "12"). */
export const priceBracket = z.object({ upTo: z.number().int().nullable(), pricesVnd: z.record(z.string(), z.string()) });
export const priceModel = z.union([
  z.object({ kind: z.enum(['volume', 'graduated']), unit: z.string(), tiers: z.array(priceTier), periods: z.array(z.number()).optional() }),
  z.object({ kind: z.literal('per_unit_period'), unit: z.string(), periods: z.array(z.number()), brackets: z.array(priceBracket) }),
  z.object({ kind: z.literal('flat'), amountVnd: z.string(), periods: z.array(z.number()).optional() }),
  z.object({ kind: z.literal('quote') }),
]);
export type PriceModelJson = z.infer<typeof priceModel>;
/**
 * A price model as a request sends it. The catalog's own parser checks it (priceModelFromJson) and names
 * the faulty field in both languages (INVALID_PRICE_MODEL), which a schema error could not.
 */
const priceModelIn = z.custom<PriceModelJson>();

// ---- responses ----------------------------------------------------------------------------------------

export const priceRef = z.object({ id, version: z.number().int(), effectiveFrom: localDate, model: priceModel });
export const priceVersion = priceRef.extend({ planId: id, createdBy: z.string().nullable(), createdAt: instantOut });
export const planRow = z.object({
  id,
  productId: id,
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  edition,
  billing,
  status: productStatus,
  createdAt: instantOut,
});
export const plan = planRow.extend({ periods: z.array(z.number().int()), currentPrice: priceRef.nullable() });
export const productRow = z.object({
  id,
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  description: z.string().nullable(),
  descriptionEn: z.string().nullable(),
  vatRate,
  agentCommissionBp: z.number().int(),
  amCommissionBp: z.number().int(),
  status: productStatus,
  createdAt: instantOut,
  updatedAt: instantOut,
});
export const product = productRow.extend({ plans: z.array(plan) });

/** A line of a quote: `description` in Vietnamese (as documents print it), `descriptionEn` for the UI in English. */
export const quoteLine = z.object({ description: z.string(), descriptionEn: z.string(), quantity: z.number().int(), months: z.number().int(), unitPriceVnd: vndOut, amountVnd: vndOut });
export const quote = z.object({
  product: z.string(),
  plan: z.string(),
  priceVersion: z.number().int().nullable(),
  unitPriceVnd: vndOut,
  subtotalVnd: vndOut,
  vatRate,
  vatVnd: vndOut,
  totalVnd: vndOut,
  periodMonths: z.number().int(),
  lines: z.array(quoteLine),
});

export const trialPolicyBody = z.object({ limitFrom: localDate, meetingMinutesLimit: z.number().int().min(1).max(24 * 60) }).strict();
export const trialPolicy = z.object({ product: z.string(), limitFrom: localDate, meetingMinutesLimit: z.number().int() });

export const onpremQuoteLine = z.object({ description: z.string(), quantity: z.number().int(), unitPriceVnd: z.string(), amountVnd: z.string() });
export const onpremQuoteRow = z.object({
  id,
  number: z.string(),
  customerId: id,
  productId: id,
  description: z.string(),
  lines: z.array(onpremQuoteLine),
  totalVnd: vndOut,
  validUntil: localDate,
  status: z.enum(ONPREM_QUOTE_STATUSES),
  createdBy: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: instantOut.nullable(),
  reason: z.string().nullable(),
  usedByContractId: z.string().nullable(),
  createdAt: instantOut,
});
export const onpremQuote = onpremQuoteRow.extend({
  customer: z.object({ id, name: z.string() }),
  product: z.object({ code: z.string(), name: z.string() }).nullable(),
});

// ---- requests -----------------------------------------------------------------------------------------

export const productsQuery = z.object({ includeRetired: z.enum(['true', 'false']).optional() }).strict();
export const quoteRequest = z.object({ product: productCode, quantity, periodMonths: periodMonths.optional() }).strict();
export const newProduct = z
  .object({ code: productCode, name, nameEn: name, description: z.string().max(2000).optional(), descriptionEn: z.string().max(2000).optional(), vatRate, agentCommissionBp: bp, amCommissionBp: bp })
  .strict();
export const productPatch = z
  .object({
    name: name.optional(),
    nameEn: name.optional(),
    description: z.string().max(2000).optional(),
    descriptionEn: z.string().max(2000).optional(),
    vatRate: vatRate.optional(),
    agentCommissionBp: bp.optional(),
    amCommissionBp: bp.optional(),
    status: productStatus.optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
export const newPlan = z.object({ code: productCode, name, nameEn: name, edition, billing, model: priceModelIn, effectiveFrom: localDate }).strict();
export const newPriceVersion = z.object({ model: priceModelIn, effectiveFrom: localDate }).strict();
export const trialPolicyQuery = z.object({ product: productCode.default('MEETING') }).strict();
export const onpremQuotesQuery = z.object({ status: z.enum(ONPREM_QUOTE_STATUSES).optional(), customerId: id.optional(), ...pageQuery }).strict();
export const newOnpremQuote = z
  .object({
    customerId: id,
    product: productCode,
    description: z.string().trim().min(3).max(2000),
    lines: z.array(z.object({ description: z.string().trim().min(2).max(500), quantity, unitPriceVnd: vndString }).strict()).min(1).max(50),
    validUntil: localDate,
  })
  .strict();
export const onpremReject = z.object({ reason: z.string().trim().min(3).max(1000) }).strict();
export const empty = z.object({}).strict();

export const productList = listOf(product);
export const priceVersionList = listOf(priceVersion);
export const onpremQuotePage = paged(onpremQuote);

export type VatRate = z.infer<typeof vatRate>;
export type Edition = z.infer<typeof edition>;
export type Billing = z.infer<typeof billing>;
export type PriceTier = z.infer<typeof priceTier>;
export type PriceBracket = z.infer<typeof priceBracket>;
export type PriceRef = z.infer<typeof priceRef>;
export type PriceVersion = z.infer<typeof priceVersion>;
export type Plan = z.infer<typeof plan>;
export type Product = z.infer<typeof product>;
export type ProductRow = z.infer<typeof productRow>;
export type PlanRow = z.infer<typeof planRow>;
export type TrialPolicy = z.infer<typeof trialPolicy>;
export type QuoteLine = z.infer<typeof quoteLine>;
export type Quote = z.infer<typeof quote>;
export type OnpremQuoteStatus = (typeof ONPREM_QUOTE_STATUSES)[number];
export type OnpremQuote = z.infer<typeof onpremQuote>;
export type OnpremQuoteRow = z.infer<typeof onpremQuoteRow>;
