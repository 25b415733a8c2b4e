import { defineErrors, type Bilingual } from '../../platform/errors.ts';

const months = (offered: number[]) => offered.join(', ');

/** The catalog's refusals: prices, periods, quantities and the On-Premise quote rule. */
export const catalogError = defineErrors({
  INVALID_QUANTITY: {
    status: 400,
    vi: (p: { quantity: string; flat?: boolean }) =>
      p.flat ? `Phí cố định theo tháng chỉ bán theo số lượng 1 (nhận được ${p.quantity})` : `Số lượng phải là số nguyên dương (nhận được ${p.quantity})`,
    en: (p: { quantity: string; flat?: boolean }) =>
      p.flat ? `A flat monthly fee is sold one at a time (quantity 1, got ${p.quantity})` : `Quantity must be a positive whole number (got ${p.quantity})`,
  },
  PERIOD_NOT_OFFERED: {
    status: 400,
    vi: (p: { periodMonths: string; offered: number[] }) => `Gói cước không có kỳ thanh toán ${p.periodMonths} tháng; hãy chọn ${months(p.offered)} tháng`,
    en: (p: { periodMonths: string; offered: number[] }) => `The plan does not offer a ${p.periodMonths}-month period; choose ${months(p.offered)} months`,
  },
  PERIOD_REQUIRED: {
    status: 400,
    vi: (p: { offered: number[] }) => `Cần chọn kỳ thanh toán: ${months(p.offered)} tháng`,
    en: (p: { offered: number[] }) => `Choose a billing period: ${months(p.offered)} months`,
  },
  QUOTE_REQUIRED: {
    status: 400,
    vi: (p: { quote?: string; status?: string }) =>
      p.quote
        ? `Báo giá ${p.quote} (${p.status}) không dùng được: cần báo giá đã duyệt, đúng khách hàng và sản phẩm`
        : 'Phiên bản On-Premise được tính giá theo báo giá đã được duyệt, không theo bảng giá',
    en: (p: { quote?: string; status?: string }) =>
      p.quote
        ? `Quote ${p.quote} (${p.status}) cannot be used: it must be approved, for this customer and product`
        : 'The On-Premise edition is priced by an approved quote, not by a price table',
  },
  UNKNOWN_PRODUCT: {
    status: 400,
    vi: (p: { product: string }) => `Không có sản phẩm ${p.product} đang bán`,
    en: (p: { product: string }) => `No product ${p.product} is on sale`,
  },
  INVALID_PRICE_MODEL: {
    status: 400,
    vi: (p: { path: string; problem: Bilingual }) => `Bảng giá không hợp lệ${p.path ? ` tại ${p.path}` : ''}: ${p.problem.vi}`,
    // The path first, as the price editor shows it beside the field.
    en: (p: { path: string; problem: Bilingual }) => (p.path ? `${p.path}: ${p.problem.en}` : p.problem.en),
  },
  PLAN_NOT_PRICED: {
    status: 400,
    vi: (p: { product: string; plan: string | null }) =>
      p.plan ? `Sản phẩm ${p.product} không có gói ${p.plan} có giá đang áp dụng` : `Sản phẩm ${p.product} chưa có gói nào có giá đang áp dụng`,
    en: (p: { product: string; plan: string | null }) =>
      p.plan ? `Product ${p.product} has no plan ${p.plan} with a price in force` : `Product ${p.product} has no plan with a price in force`,
  },
  QUOTE_EXPIRED: {
    status: 409,
    vi: (p: { validUntil: string }) => `Báo giá đã hết hiệu lực (đến hết ngày ${p.validUntil})`,
    en: (p: { validUntil: string }) => `The quote expired (it was valid until ${p.validUntil})`,
  },
});
