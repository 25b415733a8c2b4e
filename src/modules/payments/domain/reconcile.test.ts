import { describe, expect, it } from 'vitest';
import { reconcileDay } from './reconcile.ts';

describe('daily reconciliation', () => {
  it('puts every difference in its bucket and ignores what nobody paid', () => {
    const items = reconcileDay(
      [
        { txnRef: 'A', amountVnd: 100n, paid: true, transactionNo: '1' },
        { txnRef: 'B', amountVnd: 200n, paid: true, transactionNo: '2' },
        { txnRef: 'C', amountVnd: 300n, paid: true, transactionNo: '3' },
        { txnRef: 'D', amountVnd: 400n, paid: true, transactionNo: '4' },
        { txnRef: 'E', amountVnd: 500n, paid: false, transactionNo: '5' },
        { txnRef: 'F', amountVnd: 600n, paid: false, transactionNo: '6' },
      ],
      [
        { txnRef: 'A', amountVnd: 100n, status: 'success' },
        { txnRef: 'B', amountVnd: 200n, status: 'pending' },
        { txnRef: 'D', amountVnd: 450n, status: 'success' },
        { txnRef: 'E', amountVnd: 500n, status: 'failed' },
        { txnRef: 'F', amountVnd: 600n, status: 'success' },
        { txnRef: 'G', amountVnd: 700n, status: 'success' },
        { txnRef: 'H', amountVnd: 800n, status: 'pending' },
      ],
    );
    expect(Object.fromEntries(items.map((i) => [i.txnRef, i.kind]))).toEqual({
      A: 'matched',
      B: 'pending_here',
      C: 'unknown_here',
      D: 'amount_mismatch',
      F: 'missing_at_vnpay',
      G: 'missing_at_vnpay',
    });
  });
});
