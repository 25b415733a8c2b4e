import { formatDate, formatDateTime } from './format.ts';

/** An instant (or a `YYYY-MM-DD` date) in Vietnam time: `dd/MM/yyyy HH:mm`, or `dd/MM/yyyy` with `dateOnly`. */
export function DateTime({ value, dateOnly = false }: { value: string | number | Date | null | undefined; dateOnly?: boolean }) {
  const text = dateOnly ? formatDate(value) : formatDateTime(value);
  if (value === null || value === undefined || value === '') return <span>{text}</span>;
  const iso = value instanceof Date ? value.toISOString() : String(value);
  return (
    <time className="datetime" dateTime={iso} title={dateOnly ? undefined : `${text} (UTC+7)`}>
      {text}
    </time>
  );
}
