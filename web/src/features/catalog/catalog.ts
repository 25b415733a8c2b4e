import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type * as c from '@contracts/catalog';
import type { Plan, PlanRow, PriceModelJson, PriceVersion, Product, ProductRow, TrialPolicy, VatRate } from '@contracts/catalog';
import type { z } from 'zod';
import type { Translate } from '../../i18n/index.tsx';

export const productsKey = ['catalog-products'] as const;
export const VAT_RATES: readonly VatRate[] = ['KCT', '0', '5', '8', '10'];
export const PERIOD_CHOICES: readonly number[] = [1, 6, 12];
/** Meeting's trial policy is the one the server keeps (SPEC A4). */
export const TRIAL_PRODUCT = 'MEETING';

/** The public catalog: products with their plans and current prices. */
export const useProducts = (includeRetired = false) =>
  useQuery({
    queryKey: [...productsKey, { includeRetired }],
    queryFn: () => api.get<{ items: Product[] }>('/api/v1/catalog/products', includeRetired ? { includeRetired: true } : undefined),
    select: (data) => data.items,
    staleTime: 60_000,
  });

export const usePriceVersions = (planId: string) =>
  useQuery({
    queryKey: [...productsKey, 'prices', planId],
    queryFn: () => api.get<{ items: PriceVersion[] }>(`/api/v1/catalog/plans/${encodeURIComponent(planId)}/prices`),
    select: (data) => [...data.items].sort((a, b) => b.version - a.version),
  });

export type ProductBody = z.input<typeof c.newProduct>;

export type ProductPatch = z.input<typeof c.productPatch>;
export type PlanBody = z.input<typeof c.newPlan>;

function useCatalogMutation<B, R = unknown>(fn: (body: B) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => queryClient.invalidateQueries({ queryKey: productsKey }) });
}

export const useCreateProduct = () =>
  useCatalogMutation((body: ProductBody) => api.post<ProductRow>('/api/v1/catalog/products', body));

export const useUpdateProduct = (id: string) =>
  useCatalogMutation((body: ProductPatch) => api.patch<ProductRow>(`/api/v1/catalog/products/${encodeURIComponent(id)}`, body));

export const useCreatePlan = (productId: string) =>
  useCatalogMutation((body: PlanBody) => api.post<PlanRow>(`/api/v1/catalog/products/${encodeURIComponent(productId)}/plans`, body));

export const useCreatePriceVersion = (planId: string) =>
  useCatalogMutation((body: z.input<typeof c.newPriceVersion>) =>
    api.post<PriceVersion>(`/api/v1/catalog/plans/${encodeURIComponent(planId)}/prices`, body),
  );

const trialKey = (product: string) => [...productsKey, 'trial', product];

export const useTrialPolicy = (product = TRIAL_PRODUCT) =>
  useQuery({
    queryKey: trialKey(product),
    queryFn: () => api.get<TrialPolicy>('/api/v1/catalog/trial-policy', { product }),
  });

export function useSaveTrialPolicy(product = TRIAL_PRODUCT) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof c.trialPolicyBody>) => api.put<TrialPolicy>(`/api/v1/catalog/trial-policy?product=${encodeURIComponent(product)}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trialKey(product) }),
  });
}

export const localName = (x: { name: string; nameEn?: string | null }, lang: string) =>
  lang === 'en' ? x.nameEn || x.name : x.name;
/** A product's description in the UI's language (the Vietnamese one when there is no English yet). */
export const localDescription = (x: { description: string | null; descriptionEn?: string | null }, lang: string) =>
  lang === 'en' ? x.descriptionEn || x.description : x.description;

/** A product's name in the reader's language from its code (`EKYC` → "MobiFone eKYC …"); the code until the catalog loads. */
export function useProductName(lang: string): (code: string | null | undefined) => string {
  const products = useProducts(true).data ?? [];
  return (code) => {
    const p = code ? products.find((x) => x.code === code) : undefined;
    return p ? localName(p, lang) : (code ?? '');
  };
}

export const vatLabel = (t: Translate, rate: VatRate | string) => (rate === 'KCT' ? t('vat.kct') : t('vat.rate', { rate }));

export const editionLabel = (t: Translate, e: string) => t.maybe(`edition.${e}`) ?? e;
export const billingLabel = (t: Translate, b: string) => t.maybe(`billing.${b}`) ?? b;
export const unitLabel = (t: Translate, unit: string | undefined) => (unit ? (t.maybe(`unit.${unit}`) ?? unit) : t('unit.default'));

/** What one unit price buys: "phòng họp / tháng" for a price per unit and month, else the unit ("yêu cầu"). */
export const priceUnitLabel = (t: Translate, model: { kind: string; unit?: string } | undefined) =>
  model && model.unit !== undefined ? (model.kind === 'per_unit_period' ? `${unitLabel(t, model.unit)} / ${t('unit.month')}` : unitLabel(t, model.unit)) : undefined;
export const monthsLabel = (t: Translate, n: number | null | undefined) => (n ? t('common.months', { n }) : t('common.none'));

/** Billing periods a model offers (empty = no choice of period). */
export function modelPeriods(model: PriceModelJson | undefined | null): number[] {
  if (!model || model.kind === 'quote') return [];
  return [...(model.periods ?? [])].sort((a, b) => a - b);
}

/** Periods of a plan: its own list, else its current price model's. */
export const planPeriods = (plan: Plan | undefined | null): number[] =>
  plan ? (plan.periods?.length ? [...plan.periods].sort((a, b) => a - b) : modelPeriods(plan.currentPrice?.model)) : [];

/** The plan sold at list price (what POST /quotes and self-service use): the SaaS plan with a price, prepaid first. */
export function listPricePlan(product: Product | undefined | null): Plan | null {
  const priced = (product?.plans ?? []).filter((p) => p.edition === 'saas' && p.currentPrice && p.currentPrice.model.kind !== 'quote');
  return priced.find((p) => p.billing === 'prepaid') ?? priced[0] ?? null;
}

/** Index of the tier/bracket a quantity reaches (bounds are inclusive upper limits; null = no limit). */
export function reachedIndex(bounds: (number | null)[], quantity: number | null | undefined): number {
  if (!quantity || quantity < 1) return -1;
  const i = bounds.findIndex((upTo) => upTo === null || quantity <= upTo);
  return i === -1 ? bounds.length - 1 : i;
}
