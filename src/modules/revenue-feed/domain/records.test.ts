import { describe, expect, it } from 'vitest';
import { bhttRecordProblems } from '../../../protocols/bhtt/protocol.ts';
import { collectedByContract, recordsOf } from './records.ts';

describe('BHTT records', () => {
  it('one valid record per contract, month and kind; VAT only on revenue', () => {
    const [rev] = recordsOf('2026-03', 'revenue', [{ contractId: 'ctr_1', contractNumber: 'HD-2026-000001', amountVnd: 1_000_000n, vatVnd: 100_000n }]);
    const [com] = recordsOf('2026-03', 'commission', [{ contractId: 'ctr_1', contractNumber: 'HD-2026-000001', amountVnd: -5n }]);
    expect(rev).toMatchObject({ recordId: 'ctr_1.2026-03.revenue', amount: '1000000', vat: '100000' });
    expect(com).toMatchObject({ recordId: 'ctr_1.2026-03.commission', amount: '-5', vat: null });
    expect(bhttRecordProblems(rev, rev.recordId)).toEqual([]);
    expect(bhttRecordProblems(com)).toEqual([]);
    expect(bhttRecordProblems({ ...com, recordId: 'ctr_1.2026-04.commission' })).not.toEqual([]);
  });

  it('collections net the refunds done in the month', () => {
    const ledger = {
      payments: [{ contractId: 'a', amountVnd: 100n }, { contractId: 'b', amountVnd: 50n }, { contractId: 'a', amountVnd: 20n }],
      refunds: [{ payment: { contractId: 'a' }, amountVnd: 30n }, { payment: { contractId: 'c' }, amountVnd: 10n }],
    };
    expect(collectedByContract(ledger)).toEqual(new Map([['a', 90n], ['b', 50n], ['c', -10n]]));
  });
});
