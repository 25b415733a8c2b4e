import { DatePicker, type DatePickerProps } from 'antd';
import { DATE_FORMAT, fromIsoDate, vnTodayDayjs } from '../../../ui/dates.ts';

/** A day from today to the contract's last day: when an appendix or an early termination takes effect. */
export function TermDayPicker({ endDate, ...props }: DatePickerProps & { endDate: string | null }) {
  const today = vnTodayDayjs();
  const end = fromIsoDate(endDate);
  return (
    <DatePicker
      format={DATE_FORMAT}
      disabledDate={(d) => d.isBefore(today, 'day') || (!!end && d.isAfter(end, 'day'))}
      style={{ width: 200 }}
      data-testid="dialog-date"
      {...props}
    />
  );
}
