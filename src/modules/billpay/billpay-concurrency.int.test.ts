import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, driver, noDatabase, type TestSystem } from '../../../test/system.ts';

/** E3 under concurrency, on PostgreSQL (PGlite has a single connection): the day's limits hold however many orders race. */
describe.skipIf(noDatabase || driver !== 'postgres')('billpay limits under concurrency (PostgreSQL)', () => {
  let s: TestSystem;
  const order = (msisdn: string, amountVnd: string) =>
    s.http('POST', '/api/v1/billpay/orders', { body: { msisdn, kind: 'bill', amountVnd, cardType: 'domestic' } });
  const usage = async (msisdn: string) =>
    (await s.database.rows<{ count: number; bill_vnd: string }>(
      sql`select count, bill_vnd::text from billpay.day_usage where msisdn = ${msisdn}`,
    ))[0];

  beforeAll(async () => {
    s = await createTestSystem({ now: '2026-03-02T02:00:00Z' });
  });
  afterAll(() => s?.close());

  it('50 concurrent orders for one number: exactly 5 accepted, never more than 10,000,000 đ of bill payment', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => order('0901234567', '2000000')));
    const accepted = results.filter((r) => r.status === 201);
    expect(accepted).toHaveLength(5);
    const refusals = results.filter((r) => r.status !== 201).map((r) => r.body.error.code);
    expect(refusals).toHaveLength(45);
    expect(new Set(refusals)).toEqual(new Set(['DAILY_COUNT_EXCEEDED']));
    expect(await usage('0901234567')).toEqual({ count: 5, bill_vnd: '10000000' });
    const [{ n, total }] = await s.database.rows<{ n: number; total: string }>(
      sql`select count(*)::int as n, sum(amount_vnd)::text as total from billpay.orders where msisdn = '0901234567'`,
    );
    expect({ n, total }).toEqual({ n: 5, total: '10000000' });
  });

  it('when the amount is the tighter limit, 50 racing orders of 3,000,000 đ: 3 accepted (9,000,000 đ), the rest refused by amount', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => order('0931234567', '3000000')));
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    expect(new Set(results.filter((r) => r.status !== 201).map((r) => r.body.error.code))).toEqual(new Set(['DAILY_AMOUNT_EXCEEDED']));
    expect(await usage('0931234567')).toEqual({ count: 3, bill_vnd: '9000000' });
  });
});
