import { Typography } from 'antd';
import type { FieldChange } from '@contracts/contracts';
import { useT, type Translate } from '../../i18n/index.tsx';
import { formatDate, formatDateTime, formatMoney, formatNumber } from '../../ui/format.ts';
import { channelLabel, statusLabel } from './contracts.ts';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A field's value as a person reads it: statuses in words, local dates and times, đồng. */
export function changeValue(t: Translate, field: string, v: FieldChange['to']): string {
  if (v === null || v === '') return t('common.none');
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (field === 'status') return statusLabel(t, String(v));
  if (field === 'channel') return channelLabel(t, String(v));
  if (field.endsWith('Vnd')) return formatMoney(v);
  if (typeof v === 'number') return formatNumber(v);
  if (INSTANT.test(v)) return formatDateTime(v);
  if (DATE.test(v)) return formatDate(v);
  return t.maybe(`billing.${v}`) ?? v;
}

export const fieldLabel = (t: Translate, field: string) => t.maybe(`contract.${field}`) ?? t.maybe(`contractField.${field}`) ?? field;

/** "Trạng thái: Chờ thanh toán → Đang hoạt động", one line per changed field. */
export function ChangeList({ changes }: { changes: FieldChange[] }) {
  const t = useT();
  if (!changes.length) return null;
  return (
    <ul className="change-list" data-testid="timeline-changes">
      {changes.map((c) => (
        <li key={c.field}>
          <Typography.Text type="secondary">{fieldLabel(t, c.field)}:</Typography.Text>{' '}
          {c.from !== null && <>{changeValue(t, c.field, c.from)} → </>}
          <strong>{changeValue(t, c.field, c.to)}</strong>
        </li>
      ))}
    </ul>
  );
}
