import { z } from 'zod';
import { id, localDate } from '../../shared/fields.ts';

/** The calendar's HTTP contract: what routes validate and document, and what the web reads through `z.infer`. */

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM');
const year = z.coerce.number().int().min(2000).max(2100);
const dayOffKind = z.enum(['off', 'work']);

export const holiday = z.object({ date: localDate, name: z.string(), nameEn: z.string(), kind: z.enum(['statutory', 'substitute']) });
export const calendarOverride = z.object({ id, date: localDate, kind: dayOffKind, name: z.string() });
export const workingHours = z.object({
  weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
  windows: z.array(z.object({ start: hhmm, end: hhmm }).strict()).min(1).max(6),
});
export const dayInfo = z.object({
  date: localDate,
  working: z.boolean(),
  reason: z.enum(['workday', 'weekend', 'holiday', 'override-off', 'override-work']),
  name: z.string().optional(),
});

export const holidaysQuery = z.object({ year }).strict();
export const overridesQuery = z.object({ year: year.optional() }).strict();
export const newOverride = z.object({ date: localDate, kind: dayOffKind, name: z.string().trim().min(2).max(200) }).strict();
export const unitQuery = z.object({ unitId: id.optional() }).strict();
export const setWorkingHours = workingHours.extend({ unitId: id.nullable().default(null) }).strict();
export const daysQuery = z.object({ from: localDate, to: localDate, unitId: id.optional() }).strict();

export type Holiday = z.infer<typeof holiday>;
export type CalendarOverride = z.infer<typeof calendarOverride>;
export type WorkingHours = z.infer<typeof workingHours>;
export type DayInfo = z.infer<typeof dayInfo>;
export type NewOverride = z.input<typeof newOverride>;
