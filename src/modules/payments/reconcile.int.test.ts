import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestSystem, noDatabase, type TestSystem } from '../../../test/system.ts';
import { formatVnpDate } from '../../protocols/vnpay/protocol.ts';
import { reconcileDay, type OurAttempt, type TheirTxn } from './domain/reconcile.ts';

describe.skipIf(noDatabase)('daily reconciliation, compared in the database', () => {
  let s: TestSystem;
  beforeAll(async () => {
    s = await createTestSystem();
  });
  afterAll(() => s?.close());

  it('sorts each transaction as the domain rules do, lists only what needs a look, and schedules each match’s e-invoice once', async () => {
    const date = '2026-02-20';
    const at = (minutes: number) => new Date(Date.parse(`${date}T08:00:00+07:00`) + minutes * 60_000);
    const ours: OurAttempt[] = [
      { txnRef: 'RCA', amountVnd: 100_000n, status: 'success' },
      { txnRef: 'RCD', amountVnd: 450_000n, status: 'success' },
      { txnRef: 'RCG', amountVnd: 700_000n, status: 'success' },
      { txnRef: 'RCH', amountVnd: 800_000n, status: 'pending' },
      { txnRef: 'RCK', amountVnd: 900_000n, status: 'success' },
    ];
    const theirs: TheirTxn[] = [
      { txnRef: 'RCA', amountVnd: 100_000n, paid: true, transactionNo: '' },
      { txnRef: 'RCC', amountVnd: 300_000n, paid: true, transactionNo: '' },
      { txnRef: 'RCD', amountVnd: 400_000n, paid: true, transactionNo: '' },
      { txnRef: 'RCK', amountVnd: 900_000n, paid: true, transactionNo: '' },
    ];
    for (const [i, o] of ours.entries()) {
      await s.database.rows(sql`
        insert into payments.attempts (txn_ref, payment_id, amount_vnd, created_at, ip_addr, status)
        values (${o.txnRef}, ${`pay_${o.txnRef}`}, ${o.amountVnd.toString()}::bigint, ${at(i).toISOString()}::timestamptz, '127.0.0.1', ${o.status})`);
    }
    // A transaction of the day before is not the day's, whatever VNPay's list says.
    await s.database.rows(sql`
      insert into payments.attempts (txn_ref, payment_id, amount_vnd, created_at, ip_addr, status)
      values ('RCY', 'pay_RCY', 50000, ${at(-24 * 60).toISOString()}::timestamptz, '127.0.0.1', 'success')`);
    s.simulators.vnpay!.addPaid(theirs.map((t, i) => ({ txnRef: t.txnRef, amountVnd: t.amountVnd, createDate: formatVnpDate(at(i)), payDate: formatVnpDate(at(i + 1)) })));

    const r = await s.payments.reconcile(date);
    const listed = new Map((await s.simulators.vnpay!.transactions()).filter((t) => t.txnRef.startsWith('RC')).map((t) => [t.txnRef, t.transactionNo]));
    const expected = reconcileDay(theirs.map((t) => ({ ...t, transactionNo: listed.get(t.txnRef)! })), ours).filter((i) => i.kind !== 'matched');
    expect(r.items).toEqual(expected);
    expect(r.items.map((i) => [i.txnRef, i.kind])).toEqual([
      ['RCC', 'unknown_here'],
      ['RCD', 'amount_mismatch'],
      ['RCG', 'missing_at_vnpay'],
    ]);
    expect(r.summary).toEqual({ matched: 2, matchedVnd: '1000000', pendingHere: 0, unknownHere: 1, missingAtVnpay: 1, amountMismatch: 1, total: 5 });
    // The matches' e-invoices: one batch job names them, and gives each its own invoice job when it runs.
    const batches = async () =>
      (await s.database.rows<{ payload: { paymentIds: string[] } }>(sql`select payload from platform.jobs where queue = 'payments.invoice-batch' and key like ${`payments.invoice-batch:${date}:%`}`)).map(
        (j) => [...j.payload.paymentIds].sort(),
      );
    expect(await batches()).toEqual([['pay_RCA', 'pay_RCK']]);
    const jobs = async () =>
      (await s.database.rows<{ key: string }>(sql`select key from platform.jobs where queue = 'payments.invoice' and key like 'payments.invoice:pay_RC%' order by key`)).map((j) => j.key);
    expect(await jobs()).toEqual([]);
    await s.jobs.drain(); // the invoice jobs themselves fail here (no such payments) and wait for their retry
    expect(await jobs()).toEqual(['payments.invoice:pay_RCA', 'payments.invoice:pay_RCK']);

    // Again: the same result, a second batch, still one invoice job each; the day's record holds the differences and the summary.
    const again = await s.payments.reconcile(date);
    expect(again.summary).toEqual(r.summary);
    expect(await batches()).toEqual([['pay_RCA', 'pay_RCK'], ['pay_RCA', 'pay_RCK']]);
    await s.jobs.drain();
    expect(await jobs()).toEqual(['payments.invoice:pay_RCA', 'payments.invoice:pay_RCK']);
    const day = await s.payments.reconciliation(date);
    expect(day.items.map((i) => i.txnRef)).toEqual(['RCC', 'RCD', 'RCG']);
    expect(day.summary).toMatchObject({ matched: 2, total: 5 });
  });
});
