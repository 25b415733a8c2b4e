import { Tag } from 'antd';
import type { ContractStatus } from '@contracts/contracts';
import { useT } from '../../i18n/index.tsx';
import { STATUS_COLORS, statusLabel } from './contracts.ts';

export function ContractStatusTag({ status, testId }: { status: ContractStatus; testId?: string }) {
  const t = useT();
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} data-testid={testId} data-status={status}>
      {statusLabel(t, status)}
    </Tag>
  );
}
