import { and, asc, desc, eq, inArray, lte } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Ctx } from '../../platform/context.ts';
import { fail } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { AuditLog } from '../audit/index.ts';
import { catalogError } from './errors.ts';
import { plans, priceVersions, products, trialPolicies } from './db/schema.ts';
import { today, type CatalogDeps } from './deps.ts';
import { loadCatalog, versionOn, type CatalogSnapshot, type PlanRow, type VersionRow } from './cache.ts';
import { onpremQuote, productByCode, type OnpremQuoteRow, type ProductRow } from './queries.ts';
import { createOnpremQuote, type OnpremQuoteInput } from './use-cases/create-onprem-quote.ts';
import { decideOnpremQuote, type OnpremQuoteEvent } from './use-cases/decide-onprem-quote.ts';
import { listOnpremQuotes, type OnpremQuoteFilter } from './use-cases/list-onprem-quotes.ts';
import {
  offeredPeriods,
  priceModelFromJson,
  priceModelToJson,
  priceQuote,
  validatePriceModel,
  type PriceModel,
  type Quote,
  type VatRate,
} from './domain/pricing.ts';


export interface PricedPlan {
  product: ProductRow;
  plan: PlanRow;
  version: VersionRow | null;
  model: PriceModel;
}

export interface NewProduct {
  code: string;
  name: string;
  nameEn: string;
  description?: string;
  descriptionEn?: string;
  vatRate: VatRate;
  agentCommissionBp: number;
  amCommissionBp: number;
}

export interface NewPlan {
  code: string;
  name: string;
  nameEn: string;
  edition: 'saas' | 'on_premise';
  billing: 'prepaid' | 'postpaid';
  model: unknown;
  effectiveFrom: string;
}

/** What is sold and at what price: products, plans, dated price versions, trial policy, On-Premise quotes. */
export class CatalogService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    customers: CatalogDeps['customers'],
    unitIdsInScope: (ctx: Ctx) => string[] | null,
  ) {
    this.d = { database, clock, audit, customers, unitIdsInScope };
  }

  /** The same collaborators, for the use cases in use-cases/. */
  private readonly d: CatalogDeps;
  /**
   * Products, plans and price versions in memory (`load`, called again by `platform/cache.ts` when any
   * process changes them). Until the first load, and for a row another process added moments ago that
   * this one has not heard of yet, reads go to the database.
   */
  private snap: CatalogSnapshot | null = null;

  /** (Re)reads the cached catalog; every write here reloads it after commit, other processes' writes through the cache version. */
  async load(): Promise<void> {
    this.snap = await loadCatalog(this.database);
  }

  private today(): string {
    return today(this.d);
  }

  // ---- reading ------------------------------------------------------------------------------------

  async listProducts(opts: { includeRetired?: boolean } = {}) {
    const db = this.database.db;
    const snap = this.snap;
    const prods = snap ? snap.products : await db.select().from(products).orderBy(asc(products.code));
    const visible = opts.includeRetired ? prods : prods.filter((p) => p.status === 'active');
    const allPlans = snap ? snap.plans : await db.select().from(plans).orderBy(asc(plans.code));
    const versions = await this.currentVersions(allPlans.map((p) => p.id));
    return visible.map((p) => ({
      ...p,
      plans: allPlans
        .filter((pl) => pl.productId === p.id && (opts.includeRetired || pl.status === 'active'))
        .map((pl) => {
          const v = versions.get(pl.id);
          const model = v ? priceModelFromJson(v.model) : null;
          return {
            ...pl,
            periods: model ? offeredPeriods(model) : [],
            currentPrice: v ? { id: v.id, version: v.version, effectiveFrom: v.effectiveFrom, model: v.model } : null,
          };
        }),
    }));
  }

  /** The version in force on `date` for each plan (the latest whose effective date has come). */
  private async currentVersions(planIds: string[], date = this.today()): Promise<Map<string, VersionRow>> {
    if (planIds.length === 0) return new Map();
    const snap = this.snap;
    if (snap && planIds.every((id) => snap.planById.has(id))) {
      const out = new Map<string, VersionRow>();
      for (const id of planIds) {
        const v = versionOn(snap, id, date);
        if (v) out.set(id, v);
      }
      return out;
    }
    const rows = await this.database.db
      .select()
      .from(priceVersions)
      .where(and(inArray(priceVersions.planId, planIds), lte(priceVersions.effectiveFrom, date)))
      .orderBy(asc(priceVersions.planId), desc(priceVersions.effectiveFrom), desc(priceVersions.version));
    const out = new Map<string, VersionRow>();
    for (const r of rows) if (!out.has(r.planId)) out.set(r.planId, r);
    return out;
  }

  productByCode(code: string): Promise<ProductRow> {
    const p = this.snap?.productByCode.get(code.trim().toUpperCase());
    if (p?.status === 'active') return Promise.resolve(p);
    return productByCode(this.d, code);
  }

  /** A product by id (from the cache; `ex` is read only for one this process has not heard of yet). */
  async product(id: string, ex: Executor = this.database.db): Promise<ProductRow> {
    const cached = this.snap?.productById.get(id);
    if (cached) return cached;
    const [p] = await ex.select().from(products).where(eq(products.id, id));
    if (!p) throw fail('NOT_FOUND', { product: id }, { vi: 'không có sản phẩm này', en: 'no such product' });
    return p;
  }

  /** Codes and names of products and plans by id, for list views (no prices: two narrow reads at once). */
  async namesOf(productIds: string[], planIds: string[]) {
    const snap = this.snap;
    if (snap && productIds.every((id) => snap.productById.has(id)) && planIds.every((id) => snap.planById.has(id))) {
      // From the cached catalog (a list page of contracts asks on every page turn).
      const named = (r: { id: string; code: string; name: string; nameEn: string }) => ({ id: r.id, code: r.code, name: r.name, nameEn: r.nameEn });
      return {
        products: new Map(productIds.map((id) => [id, named(snap.productById.get(id)!)])),
        plans: new Map(planIds.map((id) => [id, named(snap.planById.get(id)!)])),
      };
    }
    const db = this.database.db;
    const named = { code: products.code, name: products.name, nameEn: products.nameEn };
    const [prods, pls] = await Promise.all([
      productIds.length ? db.select({ id: products.id, ...named }).from(products).where(inArray(products.id, productIds)) : [],
      planIds.length ? db.select({ id: plans.id, code: plans.code, name: plans.name, nameEn: plans.nameEn }).from(plans).where(inArray(plans.id, planIds)) : [],
    ]);
    return { products: new Map(prods.map((p) => [p.id, p])), plans: new Map(pls.map((p) => [p.id, p])) };
  }

  async plan(id: string, ex: Executor = this.database.db): Promise<PlanRow> {
    const cached = this.snap?.planById.get(id);
    if (cached) return cached;
    const [p] = await ex.select().from(plans).where(eq(plans.id, id));
    if (!p) throw fail('NOT_FOUND', { plan: id }, { vi: 'không có gói cước này', en: 'no such plan' });
    return p;
  }

  /**
   * The plan a sale uses and its price today. Without a plan code: the product's SaaS plan, prepaid
   * first (the public price list of the seeds).
   */
  async pricedPlan(productCode: string, planCode?: string): Promise<PricedPlan> {
    const product = await this.productByCode(productCode);
    const snap = this.snap?.productById.has(product.id) ? this.snap : null;
    const ofProduct = snap
      ? snap.plans.filter((p) => p.productId === product.id && p.status === 'active')
      : await this.database.db.select().from(plans).where(and(eq(plans.productId, product.id), eq(plans.status, 'active')));
    const candidates = [...ofProduct].sort(
      (a, b) => rank(a) - rank(b) || a.code.localeCompare(b.code),
    );
    const plan = planCode ? candidates.find((p) => p.code === planCode.trim().toUpperCase()) : candidates[0];
    if (!plan) throw catalogError('PLAN_NOT_PRICED', { product: product.code, plan: planCode ?? null });
    const version = (await this.currentVersions([plan.id])).get(plan.id) ?? null;
    if (!version) throw catalogError('PLAN_NOT_PRICED', { product: product.code, plan: plan.code });
    return { product, plan, version, model: priceModelFromJson(version.model) };
  }

  async quote(req: { product: string; quantity: number; periodMonths?: number }) {
    const priced = await this.pricedPlan(req.product);
    const q = priceQuote(priced.model, priced.product.vatRate, { quantity: req.quantity, periodMonths: req.periodMonths });
    return { product: priced.product.code, plan: priced.plan.code, priceVersion: priced.version?.version ?? null, ...q };
  }

  priceFor(model: PriceModel, vatRate: VatRate, quantity: number, periodMonths?: number): Quote {
    return priceQuote(model, vatRate, { quantity, periodMonths });
  }

  async priceVersions(planId: string) {
    await this.plan(planId);
    return this.database.db.select().from(priceVersions).where(eq(priceVersions.planId, planId)).orderBy(desc(priceVersions.version));
  }

  // ---- administration -----------------------------------------------------------------------------

  async createProduct(ctx: Ctx, p: NewProduct) {
    const now = this.clock.now();
    const row = { id: newId('product', now), ...p, code: p.code.toUpperCase(), description: p.description ?? null, descriptionEn: p.descriptionEn ?? null, status: 'active' as const, createdAt: now, updatedAt: now };
    return this.database.db.transaction(async (tx) => {
      const [clash] = await tx.select({ id: products.id }).from(products).where(eq(products.code, row.code));
      if (clash) throw fail('CONFLICT', { code: row.code }, { vi: `mã sản phẩm ${row.code} đã tồn tại`, en: `product ${row.code} exists` });
      await tx.insert(products).values(row);
      await this.audit.record(tx, ctx, { action: 'product.created', entityType: 'product', entityId: row.id, after: row });
      return row;
    }).then(this.reloaded);
  }

  async updateProduct(ctx: Ctx, id: string, patch: Partial<Omit<NewProduct, 'code'>> & { status?: 'active' | 'retired' }) {
    return this.database.db.transaction(async (tx) => {
      const [before] = await tx.select().from(products).where(eq(products.id, id)).for('update');
      if (!before) throw fail('NOT_FOUND', { product: id }, { vi: 'không có sản phẩm này', en: 'no such product' });
      const [after] = await tx.update(products).set({ ...patch, updatedAt: this.clock.now() }).where(eq(products.id, id)).returning();
      await this.audit.record(tx, ctx, { action: 'product.updated', entityType: 'product', entityId: id, before, after });
      return after;
    }).then(this.reloaded);
  }

  async createPlan(ctx: Ctx, productId: string, p: NewPlan) {
    const model = parseModel(p.model);
    if (p.edition === 'on_premise' && model.kind !== 'quote') throw catalogError('INVALID_PRICE_MODEL', { path: 'kind', problem: BY_QUOTE });
    const now = this.clock.now();
    return this.database.db.transaction(async (tx) => {
      await this.product(productId, tx);
      const code = p.code.toUpperCase();
      const [clash] = await tx.select({ id: plans.id }).from(plans).where(eq(plans.code, code));
      if (clash) throw fail('CONFLICT', { code }, { vi: `mã gói cước ${code} đã tồn tại`, en: `plan ${code} exists` });
      const plan = { id: newId('plan', now), productId, code, name: p.name, nameEn: p.nameEn, edition: p.edition, billing: p.billing, status: 'active' as const, createdAt: now };
      await tx.insert(plans).values(plan);
      await this.audit.record(tx, ctx, { action: 'plan.created', entityType: 'plan', entityId: plan.id, after: plan });
      await this.insertVersion(tx, ctx, plan.id, 1, p.effectiveFrom, model);
      return plan;
    }).then(this.reloaded);
  }

  /** A new price version. It starts today or later and after the latest one: history is never rewritten. */
  async addPriceVersion(ctx: Ctx, planId: string, v: { model: unknown; effectiveFrom: string }) {
    const model = parseModel(v.model);
    if (v.effectiveFrom < this.today()) {
      throw fail('VALIDATION_FAILED', { effectiveFrom: v.effectiveFrom }, { vi: 'giá mới không thể áp dụng từ một ngày đã qua', en: 'a new price cannot start in the past' });
    }
    return this.database.db.transaction(async (tx) => {
      const plan = await this.plan(planId, tx);
      if ((plan.edition === 'on_premise') !== (model.kind === 'quote')) throw catalogError('INVALID_PRICE_MODEL', { path: 'kind', problem: BY_QUOTE });
      const [latest] = await tx.select().from(priceVersions).where(eq(priceVersions.planId, planId)).orderBy(desc(priceVersions.version)).limit(1).for('update');
      if (latest && v.effectiveFrom <= latest.effectiveFrom) {
        throw fail('CONFLICT', { latest: latest.effectiveFrom }, {
          vi: `giá mới phải áp dụng sau phiên bản gần nhất (${latest.effectiveFrom})`,
          en: `must start after the latest version (${latest.effectiveFrom})`,
        });
      }
      return this.insertVersion(tx, ctx, planId, (latest?.version ?? 0) + 1, v.effectiveFrom, model);
    }).then(this.reloaded);
  }

  /** After a committed write here: this process sees it at once (others when the NOTIFY of migration 0028 arrives). */
  private readonly reloaded = async <T,>(result: T): Promise<T> => {
    await this.load();
    return result;
  };

  private async insertVersion(tx: Executor, ctx: Ctx, planId: string, version: number, effectiveFrom: string, model: PriceModel) {
    const row = { id: newId('priceVersion', this.clock.now()), planId, version, effectiveFrom, model: priceModelToJson(model), createdBy: ctx.actor.id, createdAt: this.clock.now() };
    await tx.insert(priceVersions).values(row);
    await this.audit.record(tx, ctx, { action: 'price.version_added', entityType: 'plan', entityId: planId, after: row });
    return row;
  }

  async trialPolicy(productCode: string) {
    const product = await this.productByCode(productCode);
    const [p] = await this.database.db.select().from(trialPolicies).where(eq(trialPolicies.productId, product.id));
    if (!p) throw fail('NOT_FOUND', { trialPolicy: product.code }, { vi: `sản phẩm ${product.code} không có chính sách dùng thử`, en: `product ${product.code} has no trial policy` });
    return { product: product.code, limitFrom: p.limitFrom, meetingMinutesLimit: p.meetingMinutesLimit };
  }

  async setTrialPolicy(ctx: Ctx, productCode: string, policy: { limitFrom: string; meetingMinutesLimit: number }) {
    const product = await this.productByCode(productCode);
    await this.database.db.transaction(async (tx) => {
      const [before] = await tx.select().from(trialPolicies).where(eq(trialPolicies.productId, product.id));
      const row = { productId: product.id, ...policy, updatedAt: this.clock.now() };
      await tx.insert(trialPolicies).values(row).onConflictDoUpdate({ target: trialPolicies.productId, set: row });
      await this.audit.record(tx, ctx, { action: 'trial_policy.set', entityType: 'product', entityId: product.id, before: before ?? null, after: row });
    });
    return this.trialPolicy(product.code);
  }

  // ---- On-Premise quotes (use-cases/) -------------------------------------------------------------

  listOnpremQuotes(ctx: Ctx, f: OnpremQuoteFilter) {
    return listOnpremQuotes(this.d, ctx, f);
  }

  onpremQuote(id: string, ex?: Executor): Promise<OnpremQuoteRow> {
    return onpremQuote(this.d, id, ex);
  }

  createOnpremQuote(ctx: Ctx, input: OnpremQuoteInput, unitId: string | null) {
    return createOnpremQuote(this.d, ctx, input, unitId);
  }

  decideOnpremQuote(ctx: Ctx, id: string, event: OnpremQuoteEvent, extra: { reason?: string; contractId?: string } = {}, ex?: Executor) {
    return decideOnpremQuote(this.d, ctx, id, event, extra, ex);
  }
}

const BY_QUOTE = { vi: 'gói On-Premise tính giá theo báo giá, gói SaaS theo bảng giá', en: 'On-Premise plans are priced by quote, SaaS plans by a price table' };

const rank = (p: PlanRow) => (p.edition === 'saas' ? 0 : 2) + (p.billing === 'prepaid' ? 0 : 1);

function parseModel(json: unknown): PriceModel {
  const model = priceModelFromJson(json);
  validatePriceModel(model);
  return model;
}
