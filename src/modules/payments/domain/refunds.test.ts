import { describe, expect, it } from 'vitest';
import { afterRefund, paidAtAcceptable, refundAnswer, refundLookup, refundType, refundableVnd } from './refunds.ts';

describe('refunds', () => {
  it('what is left counts the refunds in flight and the done ones, not the refused ones', () => {
    expect(refundableVnd(500_000n, [])).toBe(500_000n);
    const refunds = [
      { amountVnd: 200_000n, status: 'pending' as const },
      { amountVnd: 100_000n, status: 'sending' as const },
      { amountVnd: 50_000n, status: 'done' as const },
      { amountVnd: 150_000n, status: 'failed' as const },
    ];
    expect(refundableVnd(500_000n, refunds)).toBe(150_000n);
  });

  it('02 only for the whole payment refunded at once', () => {
    expect(refundType(500_000n, 500_000n)).toBe('02');
    expect(refundType(500_000n, 300_000n)).toBe('03');
  });

  it('reads VNPay answers: 00 done, 94/99 unknown, the rest refused', () => {
    expect(refundAnswer('00')).toBe('done');
    expect(refundAnswer('94')).toBe('unknown');
    expect(refundAnswer('99')).toBe('unknown');
    expect(refundAnswer('95')).toBe('refused');
    expect(refundAnswer('93')).toBe('refused');
  });

  it('looks a refund up before sending it again', () => {
    expect(refundLookup({ answered: false, transactionType: '' }, null, 'R1')).toBe('unknown');
    expect(refundLookup({ answered: true, transactionType: '01' }, null, 'R1')).toBe('absent');
    expect(refundLookup({ answered: true, transactionType: '03' }, null, 'R1')).toBe('unknown');
    expect(refundLookup({ answered: true, transactionType: '03' }, { requestIds: ['R0', 'R1'] }, 'R1')).toBe('done');
    expect(refundLookup({ answered: true, transactionType: '02' }, { requestIds: ['R0'] }, 'R1')).toBe('absent');
  });

  it('applies a refund to the payment', () => {
    const p = { status: 'partially_refunded' as const, amountVnd: 500_000n, refundedVnd: 200_000n };
    expect(afterRefund(p, 100_000n)).toEqual({ refundedVnd: 300_000n, status: 'partially_refunded' });
    expect(afterRefund(p, 300_000n)).toEqual({ refundedVnd: 500_000n, status: 'refunded' });
    expect(afterRefund({ ...p, status: 'paid', refundedVnd: 0n }, 500_000n)).toEqual({ refundedVnd: 500_000n, status: 'refunded' });
  });

  it('a bank transfer is neither in the future nor before the contract', () => {
    const now = new Date('2026-03-02T02:00:00Z');
    const created = new Date('2026-02-01T00:00:00Z');
    expect(paidAtAcceptable(new Date('2026-03-01T00:00:00Z'), now, created)).toBe(true);
    expect(paidAtAcceptable(new Date('2026-03-02T02:00:01Z'), now, created)).toBe(false);
    expect(paidAtAcceptable(new Date('2025-01-01T00:00:00Z'), now, created)).toBe(false);
    expect(paidAtAcceptable(new Date(-8.64e15), now, created)).toBe(false);
  });
});
