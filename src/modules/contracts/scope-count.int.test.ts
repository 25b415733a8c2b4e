import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, type TestSystem } from '../../../test/system.ts';

/**
 * A staff member's list counts its matches as three disjoint parts, one for each way of the scope (sold by
 * the units; managed by them and sold by another; sold by the caller and neither sold nor managed by the
 * units): every contract of the list is counted once, one that is in scope two or three ways too, and one
 * whose selling or managing unit is empty.
 */
describe("a staff member's count, by the scope's ways", () => {
  let s: TestSystem;
  const t: Record<string, string> = {};
  type Page = { items: { id: string; status: string }[]; total: number; totalCapped?: boolean };
  const page = async (who: string, query: string) => {
    const res = await s.http('GET', `/api/v1/contracts?${query}`, { token: t[who] });
    expect(res.status).toBe(200);
    return res.body as Page;
  };

  beforeAll(async () => {
    s = await createTestSystem();
    for (const u of ['admin', 'am1']) t[u] = await s.login(u);
    const kv1 = s.identity.orgUnitByCode('CTKV1-KHDN')!.id;
    const kv1Below = s.identity.orgUnitByCode('CTKV1-KDCNS')!.id;
    const kv2 = s.identity.orgUnitByCode('CTKV2-KHDN')!.id;
    const [{ id: am1 }] = await s.database.rows<{ id: string }>(sql`select id from identity.users where username = 'am1'`);
    const priced = await s.catalog.pricedPlan('EKYC', 'EKYC-SAAS-TS');
    await s.database.rows(sql`
      insert into identity.customers (id, type, name, tax_code, email, phone, managing_unit_id, created_at)
      values ('cus_ways_1', 'enterprise', 'Công ty Ba Đường', '0912345678', 'ways@example.vn', '0812345678', ${kv2}, now())`);
    // [n, selling unit, managing unit, seller, status]: 1–7 are am1's (1–2 sold by CTKV 1, 3, 4 and 7 managed
    // by it, 5–6 sold by am1 alone), 8–9 are not, 10 is am1's with another status.
    const rows: [number, string | null, string | null, string | null, string][] = [
      [1, kv1, kv1, null, 'suspended'],
      [2, kv1, kv2, am1, 'suspended'],
      [3, kv2, kv1, null, 'suspended'],
      [4, null, kv1Below, null, 'suspended'],
      [5, kv2, kv2, am1, 'suspended'],
      [6, null, null, am1, 'suspended'],
      [7, kv2, kv1, am1, 'suspended'],
      [8, kv2, kv2, null, 'suspended'],
      [9, null, kv2, null, 'suspended'],
      [10, kv1, kv1, am1, 'active'],
    ];
    for (const [n, selling, managing, seller, status] of rows) {
      await s.database.rows(sql`
        insert into contracts.contracts (id, number, kind, customer_id, product_id, plan_id, price_version_id, price_model, channel, billing,
          selling_unit_id, managing_unit_id, sales_user_id, quantity, period_months, unit_price_vnd, subtotal_vnd, vat_rate, vat_vnd, total_vnd,
          status, signed_date, start_date, created_at, updated_at)
        values (${`ctr_ways_${n}`}, ${`HD-2025-8${String(n).padStart(5, '0')}`}, 'new', 'cus_ways_1', ${priced.product.id}, ${priced.plan.id},
          ${priced.version?.id ?? null}, ${JSON.stringify(priced.version?.model)}::jsonb, 'am', 'postpaid', ${selling}, ${managing}, ${seller},
          1, 12, 0, 0, ${priced.product.vatRate}, 0, 0, ${status}, '2025-01-01', '2025-01-01',
          timestamptz '2025-01-01 00:00:00+07' + ${n} * interval '1 minute', now())`);
    }
  });
  afterAll(() => s?.close());

  const ids = (ns: number[]) => ns.map((n) => `ctr_ways_${n}`);

  it('counts each of the AM’s contracts once, with a status and without, and the items agree', async () => {
    const suspended = await page('am1', 'customerId=cus_ways_1&status=suspended&pageSize=50');
    expect(suspended).toMatchObject({ total: 7, totalCapped: false });
    expect(suspended.items.map((c) => c.id)).toEqual(ids([7, 6, 5, 4, 3, 2, 1]));
    expect(await page('am1', 'customerId=cus_ways_1&pageSize=50')).toMatchObject({ total: 8, totalCapped: false, items: expect.any(Array) });
    expect((await page('am1', 'customerId=cus_ways_1&pageSize=50')).items.map((c) => c.id)).toEqual(ids([10, 7, 6, 5, 4, 3, 2, 1]));
    // a later page: the same count, the rest of the items
    const second = await page('am1', 'customerId=cus_ways_1&status=suspended&pageSize=3&page=2');
    expect(second).toMatchObject({ total: 7 });
    expect(second.items.map((c) => c.id)).toEqual(ids([4, 3, 2]));
    expect(await page('am1', 'customerId=cus_ways_1&status=active&pageSize=50')).toMatchObject({ total: 1, items: [{ id: 'ctr_ways_10' }] });
    expect(await page('am1', 'customerId=cus_ways_1&status=expired&pageSize=50')).toMatchObject({ total: 0, items: [] });
  });

  it('admin counts all of them', async () => {
    expect(await page('admin', 'customerId=cus_ways_1&status=suspended&pageSize=50')).toMatchObject({ total: 9, totalCapped: false });
    expect(await page('admin', 'customerId=cus_ways_1&pageSize=50')).toMatchObject({ total: 10 });
  });
});
