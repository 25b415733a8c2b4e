/** Which contracts take an appendix (C6), and the package after it. Pure. */
import { fail } from '../../../platform/errors.ts';
import { catalogError, type PriceModel } from '../../catalog/index.ts';
import type { ContractStatus } from '../contract.ts';

export type AppendixKind = 'upgrade' | 'add_package' | 'adjust';

export interface AmendableContract {
  status: ContractStatus;
  billing: 'prepaid' | 'postpaid';
  model: PriceModel;
  onpremQuoteId: string | null;
  quantity: number;
  startDate: string | null;
  endDate: string | null;
}

/**
 * An active prepaid contract priced by a table changes its package by appendix (an On-Premise one only
 * adjusts): an upgrade names the new, higher quantity, an added package the extra quantity, an
 * adjustment any quantity. The change date is today or later, within a term that has started.
 */
export function appendixTerms(c: AmendableContract, input: { kind: AppendixKind; quantity?: number; changeDate: string }, today: string) {
  if (c.status !== 'active') {
    throw fail('INVALID_TRANSITION', { from: c.status, event: 'amend' }, { vi: 'chỉ hợp đồng đang hoạt động mới có phụ lục', en: 'only an active contract can be amended' });
  }
  if (c.billing !== 'prepaid' || c.model.kind === 'quote' || (c.onpremQuoteId && input.kind !== 'adjust')) {
    throw fail('VALIDATION_FAILED', undefined, {
      vi: 'chỉ hợp đồng trả trước theo bảng giá mới đổi gói bằng phụ lục',
      en: 'only prepaid list-price contracts change packages by appendix',
    });
  }
  const quantity = input.kind === 'add_package' ? c.quantity + (input.quantity ?? 0) : (input.quantity ?? c.quantity);
  if (input.kind === 'add_package' && !(input.quantity && input.quantity > 0)) throw catalogError('INVALID_QUANTITY', { quantity: String(input.quantity ?? '') });
  if (input.kind === 'upgrade' && quantity <= c.quantity) {
    throw fail('VALIDATION_FAILED', { quantity }, {
      vi: 'nâng cấp phải tăng số lượng; để giảm hãy dùng phụ lục điều chỉnh',
      en: 'an upgrade raises the quantity; use an adjustment to lower it',
    });
  }
  if (!c.startDate || !c.endDate) throw fail('CONFLICT', undefined, { vi: 'hợp đồng chưa có thời hạn', en: 'the contract has no term yet' });
  if (input.changeDate < today) throw fail('VALIDATION_FAILED', { changeDate: input.changeDate }, { vi: 'ngày thay đổi đã qua', en: 'the change date is in the past' });
  return { quantity, start: c.startDate, end: c.endDate };
}
