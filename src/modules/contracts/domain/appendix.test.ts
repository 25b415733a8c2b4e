import { describe, expect, it } from 'vitest';
import { MEETING_SAAS_PRICES } from '../../catalog/index.ts';
import { appendixTerms, type AmendableContract } from './appendix.ts';
import { codeOf } from '../../../platform/codes.test-util.ts';

const active: AmendableContract = {
  status: 'active',
  billing: 'prepaid',
  model: MEETING_SAAS_PRICES,
  onpremQuoteId: null,
  quantity: 5,
  startDate: '2026-03-02',
  endDate: '2027-03-01',
};
const TODAY = '2026-04-01';

describe('appendixTerms', () => {
  it('an upgrade names the new quantity, an added package the extra, an adjustment any quantity', () => {
    expect(appendixTerms(active, { kind: 'upgrade', quantity: 8, changeDate: TODAY }, TODAY)).toEqual({ quantity: 8, start: '2026-03-02', end: '2027-03-01' });
    expect(appendixTerms(active, { kind: 'add_package', quantity: 2, changeDate: TODAY }, TODAY).quantity).toBe(7);
    expect(appendixTerms(active, { kind: 'adjust', quantity: 3, changeDate: '2026-05-01' }, TODAY).quantity).toBe(3);
    expect(appendixTerms(active, { kind: 'adjust', changeDate: TODAY }, TODAY).quantity).toBe(5);
  });

  it('refuses a lower upgrade, an empty added package and a change date in the past', () => {
    expect(codeOf(() => appendixTerms(active, { kind: 'upgrade', quantity: 5, changeDate: TODAY }, TODAY))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => appendixTerms(active, { kind: 'add_package', changeDate: TODAY }, TODAY))).toBe('INVALID_QUANTITY');
    expect(codeOf(() => appendixTerms(active, { kind: 'upgrade', quantity: 8, changeDate: '2026-03-31' }, TODAY))).toBe('VALIDATION_FAILED');
  });

  it('only an active prepaid list-price contract with a term changes its package; On-Premise only adjusts', () => {
    const upgrade = { kind: 'upgrade' as const, quantity: 8, changeDate: TODAY };
    expect(codeOf(() => appendixTerms({ ...active, status: 'suspended' }, upgrade, TODAY))).toBe('INVALID_TRANSITION');
    expect(codeOf(() => appendixTerms({ ...active, billing: 'postpaid' }, upgrade, TODAY))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => appendixTerms({ ...active, model: { kind: 'quote' } }, upgrade, TODAY))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => appendixTerms({ ...active, onpremQuoteId: 'opq_1' }, upgrade, TODAY))).toBe('VALIDATION_FAILED');
    expect(appendixTerms({ ...active, onpremQuoteId: 'opq_1' }, { kind: 'adjust', quantity: 6, changeDate: TODAY }, TODAY).quantity).toBe(6);
    expect(codeOf(() => appendixTerms({ ...active, startDate: null, endDate: null }, upgrade, TODAY))).toBe('CONFLICT');
  });
});
