import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, driver, noDatabase, type TestSystem } from '../../test/system.ts';

/** How long another process may take to see a change (a NOTIFY is delivered in milliseconds). */
const SEEN_WITHIN = { timeout: 5_000, interval: 25 };

describe.skipIf(noDatabase)('caches of org units, calendar and SLA policies follow changes made elsewhere', () => {
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
  });
});
