import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import { systemCtx } from '../../platform/context.ts';
import { products } from './db/schema.ts';
import { EKYC_SAAS_PRICES, MEETING_SAAS_PRICES, priceModelToJson, type PriceModel } from './domain/pricing.ts';
import type { CatalogService } from './service.ts';

const QUOTE: PriceModel = { kind: 'quote' };
/** The list prices of seeds 002 and 004 take effect from this date. */
const LIST_PRICES_FROM = '2024-01-01';
/** The seed products' descriptions in English (migration 0023 gives them to catalogs seeded before). */
const EKYC_DESCRIPTION_EN = 'Online identity verification for banks, finance, securities and insurance; priced by the number of requests each month.';
const MEETING_DESCRIPTION_EN = 'Priced per meeting room per month, prepaid for 1, 6 or 12 months; includes initial setup support; up to 100 endpoints recommended.';

/** The two products of the seeds with their exact list prices (idempotent: by product code). */
export async function seedCatalog(database: Database, _clock: Clock, catalog: CatalogService): Promise<void> {
  const ctx = systemCtx('system:seed');
  const have = async (code: string) => (await database.db.select({ id: products.id }).from(products).where(eq(products.code, code))).length > 0;

  if (!(await have('EKYC'))) {
    const p = await catalog.createProduct(ctx, {
      code: 'EKYC',
      name: 'MobiFone eKYC — xác thực danh tính khách hàng điện tử',
      nameEn: 'MobiFone eKYC — electronic identity verification',
      description: 'Xác thực danh tính trực tuyến cho ngân hàng, tài chính, chứng khoán, bảo hiểm; tính giá theo số request mỗi tháng.',
      descriptionEn: EKYC_DESCRIPTION_EN,
      vatRate: 'KCT',
      agentCommissionBp: 4000,
      amCommissionBp: 3500,
    });
    const saas = priceModelToJson(EKYC_SAAS_PRICES);
    await catalog.createPlan(ctx, p.id, { code: 'EKYC-SAAS', name: 'eKYC Cloud SaaS — gói tháng trả trước', nameEn: 'eKYC Cloud SaaS — prepaid monthly package', edition: 'saas', billing: 'prepaid', model: saas, effectiveFrom: LIST_PRICES_FROM });
    await catalog.createPlan(ctx, p.id, { code: 'EKYC-SAAS-TS', name: 'eKYC Cloud SaaS — trả sau theo sản lượng', nameEn: 'eKYC Cloud SaaS — postpaid by usage', edition: 'saas', billing: 'postpaid', model: saas, effectiveFrom: LIST_PRICES_FROM });
    await catalog.createPlan(ctx, p.id, { code: 'EKYC-ONPREM', name: 'eKYC On-Premise (theo báo giá)', nameEn: 'eKYC On-Premise (by quote)', edition: 'on_premise', billing: 'prepaid', model: priceModelToJson(QUOTE), effectiveFrom: LIST_PRICES_FROM });
  }

  if (!(await have('MEETING'))) {
    const p = await catalog.createProduct(ctx, {
      code: 'MEETING',
      name: 'MobiFone Meeting — hội nghị truyền hình trực tuyến',
      nameEn: 'MobiFone Meeting — video conferencing',
      description: 'Giá theo phòng họp/tháng, trả trước theo kỳ 1/6/12 tháng; đã gồm hỗ trợ cài đặt ban đầu; tối đa 100 điểm cầu khuyến nghị.',
      descriptionEn: MEETING_DESCRIPTION_EN,
      vatRate: 'KCT',
      agentCommissionBp: 4000,
      amCommissionBp: 3500,
    });
    await catalog.createPlan(ctx, p.id, { code: 'MEETING-SAAS', name: 'MobiFone Meeting Cloud SaaS', nameEn: 'MobiFone Meeting Cloud SaaS', edition: 'saas', billing: 'prepaid', model: priceModelToJson(MEETING_SAAS_PRICES), effectiveFrom: LIST_PRICES_FROM });
    await catalog.createPlan(ctx, p.id, { code: 'MEETING-ONPREM', name: 'MobiFone Meeting On-Premise (theo báo giá)', nameEn: 'MobiFone Meeting On-Premise (by quote)', edition: 'on_premise', billing: 'prepaid', model: priceModelToJson(QUOTE), effectiveFrom: LIST_PRICES_FROM });
    // SPEC A4: unlimited before the configured date, 40 minutes per meeting from it; no end date.
    await catalog.setTrialPolicy(ctx, 'MEETING', { limitFrom: '2025-01-01', meetingMinutesLimit: 40 });
  }
}
