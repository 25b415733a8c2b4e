import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, noDatabase, type TestSystem } from '../../../test/system.ts';

describe.skipIf(noDatabase)('calendar: holidays, admin overrides, working hours per unit', () => {
  let s: TestSystem;
  let admin: string;
  beforeAll(async () => {
    s = await createTestSystem();
    admin = await s.login('admin');
  });
  afterAll(() => s?.close());

  it('lists the statutory holidays of a year, lunar ones included', async () => {
    const r = await s.http('GET', '/api/v1/calendar/holidays?year=2026', { token: admin });
    const dates = r.body.items.map((h: { date: string }) => h.date);
    expect(dates).toEqual(expect.arrayContaining(['2026-01-01', '2026-02-16', '2026-02-20', '2026-04-26', '2026-04-27', '2026-04-30', '2026-05-01', '2026-09-01', '2026-09-02']));
  });

  it('an extra day off moves deadlines; removing it moves them back; both are audited', async () => {
    const cal = () => s.calendar.forUnit(s.identity.orgUnitByCode('CTKV1-KHDN')!.id);
    const thursday = new Date('2026-12-24T09:00:00+07:00');
    expect(cal().addWorkingDays(thursday, 1).toISOString()).toBe(new Date('2026-12-25T09:00:00+07:00').toISOString());
    const added = await s.http('POST', '/api/v1/calendar/overrides', { token: admin, body: { date: '2026-12-25', kind: 'off', name: 'Nghỉ bù theo thông báo' } });
    expect(added.status).toBe(201);
    expect(cal().addWorkingDays(thursday, 1).toISOString()).toBe(new Date('2026-12-28T09:00:00+07:00').toISOString());
    const dup = await s.http('POST', '/api/v1/calendar/overrides', { token: admin, body: { date: '2026-12-25', kind: 'work', name: 'Trùng' } });
    expect(dup.status).toBe(409);
    expect((await s.http('DELETE', `/api/v1/calendar/overrides/${added.body.id}`, { token: admin })).status).toBe(204);
    expect(cal().isWorkingDay('2026-12-25')).toBe(true);
    const trail = await s.audit.list({ entityId: added.body.id, page: 1, pageSize: 5 });
    expect(trail.items.map((e) => e.action)).toEqual(['calendar.override_removed', 'calendar.override_added']);
  });

  it('a make-up Saturday becomes a working day in the month view', async () => {
    await s.http('POST', '/api/v1/calendar/overrides', { token: admin, body: { date: '2026-05-09', kind: 'work', name: 'Làm bù' } });
    const r = await s.http('GET', '/api/v1/calendar/days?from=2026-05-08&to=2026-05-10', { token: admin });
    expect(r.body.items.map((d: { working: boolean; reason: string }) => [d.working, d.reason])).toEqual([
      [true, 'workday'],
      [true, 'override-work'],
      [false, 'weekend'],
    ]);
  });

  it('a unit can work Saturday mornings; its children inherit, other units keep the default', async () => {
    const ctkv2 = s.identity.orgUnitByCode('CTKV2')!;
    const r = await s.http('PUT', '/api/v1/calendar/working-hours', {
      token: admin,
      body: { unitId: ctkv2.id, weekdays: [1, 2, 3, 4, 5, 6], windows: [{ start: '07:30', end: '11:30' }, { start: '13:00', end: '17:00' }] },
    });
    expect(r.status).toBe(200);
    const friday = new Date('2026-03-06T16:00:00+07:00');
    const child = s.calendar.forUnit(s.identity.orgUnitByCode('CTKV2-KHDN')!.id);
    expect(child.addWorkingHours(friday, 2).toISOString()).toBe(new Date('2026-03-07T08:30:00+07:00').toISOString());
    const other = s.calendar.forUnit(s.identity.orgUnitByCode('CTKV3')!.id);
    expect(other.addWorkingHours(friday, 2).toISOString()).toBe(new Date('2026-03-09T08:30:00+07:00').toISOString());
    const bad = await s.http('PUT', '/api/v1/calendar/working-hours', { token: admin, body: { weekdays: [1], windows: [{ start: '12:00', end: '08:00' }] } });
    expect(bad.status).toBe(400);
  });
});
