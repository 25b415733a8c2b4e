import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, driver, noDatabase, type TestSystem } from '../../test/system.ts';
import { MEETING_SAAS_PRICES, priceModelToJson, type PriceModel } from '../modules/catalog/index.ts';
import { systemCtx } from './context.ts';

/** How long another process may take to see a change (a NOTIFY is delivered in milliseconds). */
const SEEN_WITHIN = { timeout: 5_000, interval: 25 };

describe.skipIf(noDatabase)('caches of org units, calendar, SLA policies and the catalog follow changes made elsewhere', () => {
  let a: TestSystem;
  beforeAll(async () => {
    a = await createTestSystem();
  });
  afterAll(() => a?.close());

  it('a change written straight to a cached table (by hand, in its own transaction) bumps its version and reaches the cache', async () => {
    const [before] = await a.database.rows<{ version: string }>(sql`select version::text from platform.cache_versions where name = 'calendar'`);
    await a.database.db.transaction((tx) => tx.execute(sql`insert into calendar.day_overrides (id, date, kind, name, created_at) values ('cal_by_hand', '2026-04-20', 'off', 'Nghỉ bù', now())`));
    const [after] = await a.database.rows<{ version: string }>(sql`select version::text from platform.cache_versions where name = 'calendar'`);
    expect(Number(after.version)).toBeGreaterThan(Number(before?.version ?? 0));
    await expect.poll(() => a.calendar.forUnit().dayInfo('2026-04-20').reason, SEEN_WITHIN).toBe('override-off');
  });

  describe.skipIf(driver !== 'postgres')('two processes on one PostgreSQL database', () => {
    let b: TestSystem;
    const tokens: Record<string, string> = {};
    beforeAll(async () => {
      b = await createTestSystem({ databaseUrl: a.config.database.kind === 'postgres' ? a.config.database.url : undefined });
      tokens.admin = await a.login('admin');
    });
    afterAll(() => b?.close());

    it('an org unit added through A is known to B', async () => {
      const parent = a.identity.orgUnitByCode('CTKV1')!;
      expect(b.identity.orgUnitByCode('CTKV1-TEST')).toBeUndefined();
      await a.database.db.transaction((tx) =>
        tx.execute(sql`insert into identity.org_units (id, code, name, name_en, kind, parent_id, path, created_at)
                       values ('ou_test_b', 'CTKV1-TEST', 'Phòng thử nghiệm', 'Test department', 'department', ${parent.id}, ${`${parent.path}ou_test_b/`}, now())`),
      );
      await expect.poll(() => b.identity.orgUnitByCode('CTKV1-TEST')?.path, SEEN_WITHIN).toBe(`${parent.path}ou_test_b/`);
    });

    it('a day off added through A is a day off for B', async () => {
      expect(b.calendar.forUnit().isWorkingDay('2026-05-05')).toBe(true);
      const r = await a.http('POST', '/api/v1/calendar/overrides', { token: tokens.admin, body: { date: '2026-05-05', kind: 'off', name: 'Nghỉ đột xuất' } });
      expect(r.status).toBe(201);
      await expect.poll(() => b.calendar.forUnit().isWorkingDay('2026-05-05'), SEEN_WITHIN).toBe(false);
    });

    it('an SLA policy changed through A is the policy of B', async () => {
      const policy = { mode: 'working', stageMin: { ctkv: 120, ttcntt: null }, totalMin: 120, warning: { percent: 50, minutesBefore: null }, progressEveryMin: null };
      expect((await b.support.policies()).question.totalMin).not.toBe(120);
      const r = await a.http('PUT', '/api/v1/support/sla-policies/question', { token: tokens.admin, body: policy });
      expect(r.status).toBe(200);
      await expect.poll(async () => (await b.support.policies()).question, SEEN_WITHIN).toMatchObject({ totalMin: 120, mode: 'working' });
    });

    it('the catalog is a cache in each process: what A renames and reprices is what B names, quotes and sells', async () => {
      const meeting = await b.catalog.productByCode('MEETING');
      const { plan } = await b.catalog.pricedPlan('MEETING');
      const unitPrice = async (s: TestSystem) => (await s.catalog.quote({ product: 'MEETING', quantity: 1, periodMonths: 1 })).unitPriceVnd;
      expect(await unitPrice(b)).toBe(500_000n);
      // B answers from memory: a change that skips the bump trigger (never in production) does not reach it.
      await a.database.db.transaction(async (tx) => {
        await tx.execute(sql`alter table catalog.products disable trigger products_cache`);
        await tx.execute(sql`update catalog.products set name = 'không thấy' where id = ${meeting.id}`);
        await tx.execute(sql`alter table catalog.products enable trigger products_cache`);
      });
      expect((await b.catalog.product(meeting.id)).name).toBe(meeting.name);
      expect((await b.catalog.productByCode('MEETING')).name).toBe(meeting.name);
      // Through A: A sees it at once, B within a NOTIFY.
      const ctx = systemCtx('test:catalog');
      await a.catalog.updateProduct(ctx, meeting.id, { name: 'MobiFone Meeting (mới)' });
      expect((await a.catalog.product(meeting.id)).name).toBe('MobiFone Meeting (mới)');
      await expect.poll(async () => (await b.catalog.product(meeting.id)).name, SEEN_WITHIN).toBe('MobiFone Meeting (mới)');
      const list = MEETING_SAAS_PRICES as Extract<PriceModel, { kind: 'per_unit_period' }>;
      const dearer = { ...list, brackets: list.brackets.map((br) => ({ ...br, pricesVnd: { ...br.pricesVnd, 1: br.pricesVnd[1] + 50_000n } })) };
      await a.catalog.addPriceVersion(ctx, plan.id, { model: priceModelToJson(dearer), effectiveFrom: '2026-03-02' });
      expect(await unitPrice(a)).toBe(550_000n);
      await expect.poll(() => unitPrice(b), SEEN_WITHIN).toBe(550_000n);
      // …and B's orders take the new price.
      const order = await b.http('POST', '/api/v1/orders', { token: await b.login('customer1'), body: { product: 'MEETING', quantity: 1, periodMonths: 1 } });
      expect(order.status).toBe(201);
      expect((await b.contracts.row(order.body.contractId)).unitPriceVnd).toBe(550_000n);
      // A plan retired by hand (its own transaction, as an operator would) stops selling in B too.
      await a.database.db.transaction((tx) => tx.execute(sql`update catalog.plans set status = 'retired' where id = ${plan.id}`));
      await expect.poll(() => b.catalog.pricedPlan('MEETING').then((p) => p.plan.code, (e) => e.code), SEEN_WITHIN).not.toBe(plan.code);
    });
  });
});
