import { Tag } from 'antd';
import type { BillStatusValue } from '@contracts/billing';
import { useT } from '../../i18n/index.tsx';
import { BILL_STATUS_COLORS, billStatusLabel } from './bills.ts';

export function BillStatusTag({ status }: { status: BillStatusValue }) {
  const t = useT();
  return <Tag color={BILL_STATUS_COLORS[status]}>{billStatusLabel(t, status)}</Tag>;
}
