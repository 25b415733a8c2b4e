/** Which contracts take an appendix (C6), and the package after it. Pure. */
import { legacyError } from '../../../platform/legacy-errors.ts';
import type { PriceModel } from '../../catalog/index.ts';
import type { ContractStatus } from './lifecycle.ts';

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
    throw legacyError('INVALID_TRANSITION', { from: c.status, event: 'amend' }, 'only an active contract can be amended');
  }
  if (c.billing !== 'prepaid' || c.model.kind === 'quote' || (c.onpremQuoteId && input.kind !== 'adjust')) {
    throw legacyError('VALIDATION_FAILED', undefined, 'only prepaid list-price contracts change packages by appendix');
  }
  const quantity = input.kind === 'add_package' ? c.quantity + (input.quantity ?? 0) : (input.quantity ?? c.quantity);
  if (input.kind === 'add_package' && !(input.quantity && input.quantity > 0)) throw legacyError('INVALID_QUANTITY');
  if (input.kind === 'upgrade' && quantity <= c.quantity) {
    throw legacyError('VALIDATION_FAILED', { quantity }, 'an upgrade raises the quantity; use an adjustment to lower it');
  }
  if (!c.startDate || !c.endDate) throw legacyError('CONFLICT', undefined, 'the contract has no term yet');
  if (input.changeDate < today) throw legacyError('VALIDATION_FAILED', { changeDate: input.changeDate }, 'the change date is in the past');
  return { quantity, start: c.startDate, end: c.endDate };
}
