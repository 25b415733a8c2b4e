import dayjs, { type Dayjs } from 'dayjs';
import { vnTime, vnToday } from './format.ts';

/** Today's Vietnamese calendar date as a dayjs (for DatePicker defaults). */
export function vnTodayDayjs(): Dayjs {
  const { year, month, day } = vnToday();
  return dayjs(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
}

/** A picked calendar day → `YYYY-MM-DD` (the picker's day is taken as is, whatever the browser zone). */
export const isoDate = (d: Dayjs): string => d.format('YYYY-MM-DD');

/** `YYYY-MM-DD` → dayjs for a DatePicker value. */
export const fromIsoDate = (s: string | null | undefined): Dayjs | undefined => (s ? dayjs(s) : undefined);

/** The display format of every DatePicker. */
export const DATE_FORMAT = 'DD/MM/YYYY';

/** The display format of date-and-time pickers. */
export const DATE_TIME_FORMAT = 'DD/MM/YYYY HH:mm';

/**
 * A picked date and time, read as Vietnam time (UTC+7) whatever the browser zone, → ISO instant.
 * `14:00` picked anywhere means 14:00 in Hà Nội.
 */
export const vnInstant = (d: Dayjs): string => vnTime(d.year(), d.month() + 1, d.date(), d.hour(), d.minute()).toISOString();

/** The first instant of a picked day in Vietnam → ISO instant. */
export const vnDayStart = (d: Dayjs): string => vnInstant(d.startOf('day'));

/** The last millisecond of a picked day in Vietnam → ISO instant. */
export const vnDayEnd = (d: Dayjs): string => new Date(Date.parse(vnDayStart(d.add(1, 'day'))) - 1).toISOString();
