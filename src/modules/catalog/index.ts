export { CatalogService, type PricedPlan } from './service.ts';
export { seedCatalog } from './seed.ts';
export type { PriceModel, Quote, VatRate } from './domain/pricing.ts';
export { priceModelFromJson, priceModelToJson, priceQuote, vatOf } from './domain/pricing.ts';
/** The seed's list prices and the period arithmetic, for rules of other modules (contract settlements). */
export { EKYC_SAAS_PRICES, MEETING_SAAS_PRICES, monthlySubtotalVnd, offeredPeriods } from './domain/pricing.ts';
/** The catalog's error codes, for rules of other modules that refuse on the same grounds (a period, a quote). */
export { catalogError } from './errors.ts';
