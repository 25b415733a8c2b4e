import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, type TestSystem } from '../../../test/system.ts';
import { BROAD_SEARCH } from './use-cases/list-contracts.ts';

/**
 * A broad search (more than BROAD_SEARCH customers match): the page comes from the newest contracts when
 * they fill it, and from every match when they do not; either way the same contracts, newest first, in
 * the caller's scope, with the exact count.
 */
describe('contract search matching many customers', () => {
  let s: TestSystem;
  const t: Record<string, string> = {};
  const CUSTOMERS = BROAD_SEARCH + 100;
  type Page = { items: { id: string; number: string; createdAt: string; status: string }[]; total: number; totalCapped?: boolean };
  const page = async (who: string, query: string) => {
    const res = await s.http('GET', `/api/v1/contracts?${query}`, { token: t[who] });
    expect(res.status).toBe(200);
    return res.body as Page;
  };
  const ids = (p: Page) => p.items.map((c) => c.id);

  beforeAll(async () => {
    s = await createTestSystem();
    for (const u of ['admin', 'am1']) t[u] = await s.login(u);
    const kv1 = s.identity.orgUnitByCode('CTKV1-KHDN')!.id;
    const kv2 = s.identity.orgUnitByCode('CTKV2-KHDN')!.id;
    const priced = await s.catalog.pricedPlan('EKYC', 'EKYC-SAAS-TS');
    // Customers "Công ty Rộng Lớn 0001…", one contract each, a minute apart; odd ones sold by CTKV 1, even by CTKV 2.
    await s.database.rows(sql`
      insert into identity.customers (id, type, name, tax_code, email, phone, managing_unit_id, created_at)
      select 'cus_wide_' || lpad(g::text, 4, '0'), 'enterprise', 'Công ty Rộng Lớn ' || lpad(g::text, 4, '0'), '09' || lpad(g::text, 8, '0'),
             'wide' || g || '@example.vn', '08' || lpad(g::text, 8, '0'), case when g % 2 = 1 then ${kv1} else ${kv2} end, now()
        from generate_series(1, ${CUSTOMERS}) g`);
    await s.database.rows(sql`
      insert into contracts.contracts (id, number, kind, customer_id, product_id, plan_id, price_version_id, price_model, channel, billing,
        selling_unit_id, managing_unit_id, quantity, period_months, unit_price_vnd, subtotal_vnd, vat_rate, vat_vnd, total_vnd, status,
        signed_date, start_date, created_at, updated_at)
      select 'ctr_wide_' || lpad(g::text, 4, '0'), 'HD-2025-9' || lpad(g::text, 5, '0'), 'new', 'cus_wide_' || lpad(g::text, 4, '0'),
             ${priced.product.id}, ${priced.plan.id}, ${priced.version?.id ?? null}, ${JSON.stringify(priced.version?.model)}::jsonb, 'am', 'postpaid',
             u.unit, u.unit, 1, 12, 0, 0, ${priced.product.vatRate}, 0, 0, case when g % 3 = 0 then 'expired' else 'active' end,
             '2025-01-01', '2025-01-01', timestamptz '2025-01-01 00:00:00+07' + g * interval '1 minute', now()
        from generate_series(1, ${CUSTOMERS}) g cross join lateral (select case when g % 2 = 1 then ${kv1} else ${kv2} end as unit) u`);
  });
  afterAll(() => s?.close());

  it('pages newest first without overlap and counts every match', async () => {
    const all = await page('admin', 'q=R%E1%BB%99ng%20L%E1%BB%9Bn&pageSize=200'); // "Rộng Lớn"
    expect(all).toMatchObject({ total: CUSTOMERS, totalCapped: false });
    expect(all.items).toHaveLength(200);
    expect(all.items[0].id).toBe(`ctr_wide_${String(CUSTOMERS).padStart(4, '0')}`);
    const times = all.items.map((c) => Date.parse(c.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const pages: string[] = [];
    for (let n = 1; n <= 10; n++) pages.push(...ids(await page('admin', `q=r%E1%BB%99ng%20l%E1%BB%9Bn&pageSize=20&page=${n}`)));
    expect(pages).toEqual(ids(all));
    const last = await page('admin', `q=R%E1%BB%99ng%20L%E1%BB%9Bn&pageSize=200&page=2`);
    expect(last).toMatchObject({ total: CUSTOMERS });
    expect(new Set([...ids(all), ...ids(last)]).size).toBe(CUSTOMERS);
  });

  it('an AM finds only what CTKV 1 sold, with a status too, and a page past the end is empty', async () => {
    const mine = (n: number) => n % 2 === 1;
    const am = await page('am1', 'q=R%E1%BB%99ng%20L%E1%BB%9Bn&pageSize=200');
    const expected = Array.from({ length: CUSTOMERS }, (_, i) => CUSTOMERS - i).filter(mine);
    expect(am.total).toBe(expected.length);
    expect(ids(am)).toEqual(expected.map((g) => `ctr_wide_${String(g).padStart(4, '0')}`));
    const expired = await page('am1', 'q=R%E1%BB%99ng%20L%E1%BB%9Bn&status=expired&pageSize=20&page=2');
    const expiredAll = expected.filter((g) => g % 3 === 0);
    expect(expired.total).toBe(expiredAll.length);
    expect(ids(expired)).toEqual(expiredAll.slice(20, 40).map((g) => `ctr_wide_${String(g).padStart(4, '0')}`));
    // the newest do not fill this page: every match is looked at, and there are not that many
    expect(await page('am1', `q=R%E1%BB%99ng%20L%E1%BB%9Bn&pageSize=20&page=${Math.ceil(expected.length / 20) + 1}`)).toMatchObject({ items: [], total: expected.length });
    // a tax code's start still finds its one customer's contract
    expect(ids(await page('am1', 'q=0900000001'))).toEqual(['ctr_wide_0001']);
    expect(ids(await page('am1', 'q=0900000002'))).toEqual([]);
  });
});
