import { describe, expect, it } from 'vitest';
import { reconcileDay, summarizeRecon, theirPayments } from './reconcile.ts';

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

  it('reads the daily list: payments only, ×100 amounts, paid when both codes are 00', () => {
    const row = { txnRef: 'A', amount: '10000', transactionStatus: '00', responseCode: '00', transactionNo: '1' };
    expect(
      theirPayments([
        row,
        { ...row, txnRef: 'B', transactionType: '01', responseCode: '24' },
        { ...row, txnRef: 'C', transactionType: '02' },
      ]),
    ).toEqual([
      { txnRef: 'A', amountVnd: 100n, paid: true, transactionNo: '1' },
      { txnRef: 'B', amountVnd: 100n, paid: false, transactionNo: '1' },
    ]);
  });

  it('sums the day: counts per bucket and the matched đồng', () => {
    const base = { ourAmountVnd: 100n, transactionNo: null };
    const summary = summarizeRecon([
      { ...base, txnRef: 'A', kind: 'matched', vnpayAmountVnd: 100n },
      { ...base, txnRef: 'B', kind: 'matched', vnpayAmountVnd: 250n },
      { ...base, txnRef: 'C', kind: 'missing_at_vnpay', vnpayAmountVnd: null },
      { ...base, txnRef: 'D', kind: 'pending_here', vnpayAmountVnd: 5n },
    ]);
    expect(summary).toEqual({ matched: 2, matchedVnd: '350', pendingHere: 1, unknownHere: 0, missingAtVnpay: 1, amountMismatch: 0, total: 4 });
  });

  it('adds the matches counted in the database but not listed', () => {
    const summary = summarizeRecon([{ txnRef: 'C', kind: 'missing_at_vnpay', vnpayAmountVnd: null, ourAmountVnd: 100n, transactionNo: null }], { matched: 1_000_000, matchedVnd: 50_000_000_000n });
    expect(summary).toEqual({ matched: 1_000_000, matchedVnd: '50000000000', pendingHere: 0, unknownHere: 0, missingAtVnpay: 1, amountMismatch: 0, total: 1_000_001 });
  });
});
