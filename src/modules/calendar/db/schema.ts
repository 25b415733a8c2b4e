import { date, integer, jsonb, pgSchema, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const calendarSchema = pgSchema('calendar');
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Admin table of extra days off and make-up working days, on top of the statutory holidays. */
export const dayOverrides = calendarSchema.table(
  'day_overrides',
  {
    id: text('id').primaryKey(),
    date: date('date', { mode: 'string' }).notNull(),
    kind: text('kind', { enum: ['off', 'work'] }).notNull(),
    name: text('name').notNull(),
    createdBy: text('created_by'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [uniqueIndex('day_overrides_date_idx').on(t.date)],
);

/** Working hours per org unit; the row with unit_id '*' is the default every unit inherits. */
export const workingHours = calendarSchema.table('working_hours', {
  unitId: text('unit_id').primaryKey(),
  weekdays: integer('weekdays').array().notNull(),
  windows: jsonb('windows').$type<{ start: string; end: string }[]>().notNull(),
  updatedAt: instant('updated_at').notNull(),
});
