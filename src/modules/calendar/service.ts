import { and, asc, eq, gte, lt } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Ctx } from '../../platform/context.ts';
import { fail } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import {
  addDays,
  createWorkCalendar,
  DEFAULT_WORKING_HOURS,
  type DayInfo,
  type LocalDate,
  type WorkCalendar,
  type WorkingHours,
} from '../../platform/calendar.ts';
import { vietnamHolidays } from '../../platform/vn-holidays.ts';
import type { AuditLog } from '../audit/index.ts';
import { dayOverrides, workingHours } from './db/schema.ts';
import { calendarError } from './errors.ts';

const DEFAULT_UNIT = '*';

/**
 * The working-day calendar as configured: statutory holidays + the admin's overrides + working hours
 * per unit. Calendars are cached and rebuilt after every change (changes are rare, reads constant).
 */
export class CalendarService {
  private cache = new Map<string, WorkCalendar>();
  private overrides: { id: string; date: string; kind: 'off' | 'work'; name: string }[] = [];
  private hours = new Map<string, WorkingHours>();

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    /** Resolves a unit id to its ancestors' ids, nearest first (the identity module knows the tree). */
    private readonly ancestorsOf: (unitId: string) => string[] = (id) => [id],
  ) {}

  /** (Re)reads overrides and working hours: at boot, after a change here, and when another process changes them (platform/cache.ts). */
  async load(): Promise<void> {
    const db = this.database.db;
    const overrides = await db.select().from(dayOverrides).orderBy(asc(dayOverrides.date));
    const rows = await db.select().from(workingHours);
    // Swapped together, so a calendar is never built from one load's overrides and another's hours.
    this.overrides = overrides;
    this.hours = new Map(rows.map((r) => [r.unitId, { weekdays: r.weekdays, windows: r.windows }]));
    this.cache.clear();
  }

  /** The calendar of a unit: its own working hours or the nearest ancestor's, else the default. */
  forUnit(unitId?: string | null): WorkCalendar {
    const key = (unitId ? this.ancestorsOf(unitId).find((id) => this.hours.has(id)) : undefined) ?? DEFAULT_UNIT;
    let cal = this.cache.get(key);
    if (!cal) {
      cal = createWorkCalendar({ hours: this.hoursOf(key), overrides: this.overrides });
      this.cache.set(key, cal);
    }
    return cal;
  }

  hoursOf(unitId: string = DEFAULT_UNIT): WorkingHours {
    return this.hours.get(unitId) ?? this.hours.get(DEFAULT_UNIT) ?? DEFAULT_WORKING_HOURS;
  }

  holidays(year: number) {
    return vietnamHolidays(year);
  }

  listOverrides(year?: number) {
    return year === undefined ? this.overrides : this.overrides.filter((o) => o.date.startsWith(`${year}-`));
  }

  /** Every day of [from, to] with whether it is worked and why (for the month view). */
  days(from: LocalDate, to: LocalDate, unitId?: string): DayInfo[] {
    const cal = this.forUnit(unitId);
    const out: DayInfo[] = [];
    for (let d = from; d <= to && out.length < 400; d = addDays(d, 1)) out.push(cal.dayInfo(d));
    return out;
  }

  async addOverride(ctx: Ctx, o: { date: LocalDate; kind: 'off' | 'work'; name: string }) {
    const now = this.clock.now();
    const row = { id: newId('calendarOverride', now), ...o, createdBy: ctx.actor.id, createdAt: now };
    await this.database.db.transaction(async (tx) => {
      const [clash] = await tx.select().from(dayOverrides).where(eq(dayOverrides.date, o.date));
      if (clash) throw calendarError('DAY_ALREADY_OVERRIDDEN', { date: o.date, existing: clash.id });
      await tx.insert(dayOverrides).values(row);
      await this.audit.record(tx, ctx, { action: 'calendar.override_added', entityType: 'calendar_override', entityId: row.id, after: row });
    });
    await this.load();
    return row;
  }

  async removeOverride(ctx: Ctx, id: string): Promise<void> {
    await this.database.db.transaction(async (tx) => {
      const [before] = await tx.delete(dayOverrides).where(eq(dayOverrides.id, id)).returning();
      if (!before) throw fail('NOT_FOUND', { override: id });
      await this.audit.record(tx, ctx, { action: 'calendar.override_removed', entityType: 'calendar_override', entityId: id, before });
    });
    await this.load();
  }

  async setWorkingHours(ctx: Ctx, unitId: string | null, hours: WorkingHours): Promise<void> {
    try {
      createWorkCalendar({ hours }); // validates windows and weekdays before anything is stored
    } catch {
      throw calendarError('WORKING_HOURS_INVALID');
    }
    const key = unitId ?? DEFAULT_UNIT;
    const now = this.clock.now();
    await this.database.db.transaction(async (tx) => {
      const [before] = await tx.select().from(workingHours).where(eq(workingHours.unitId, key));
      const row = { unitId: key, weekdays: hours.weekdays, windows: hours.windows, updatedAt: now };
      await tx.insert(workingHours).values(row).onConflictDoUpdate({ target: workingHours.unitId, set: row });
      await this.audit.record(tx, ctx, { action: 'calendar.working_hours_set', entityType: 'working_hours', entityId: key, before: before ?? null, after: row });
    });
    await this.load();
  }

  /** Overrides between two dates (used by the CLI listing). */
  async overridesBetween(from: LocalDate, to: LocalDate) {
    return this.database.db
      .select()
      .from(dayOverrides)
      .where(and(gte(dayOverrides.date, from), lt(dayOverrides.date, to)))
      .orderBy(asc(dayOverrides.date));
  }
}
