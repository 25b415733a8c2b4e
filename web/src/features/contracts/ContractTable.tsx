import { useState } from 'react';
import { Typography, type TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router';
import type { ContractSummary } from '@contracts/contracts';
import { useT } from '../../i18n/index.tsx';
import { DateTime } from '../../ui/DateTime.tsx';
import { formatNumber } from '../../ui/format.ts';
import { Money } from '../../ui/Money.tsx';
import { PagedTable } from '../../ui/PagedTable.tsx';
import { FIRST_PAGE } from '../../ui/paging.ts';
import { localName, monthsLabel } from '../catalog/catalog.ts';
import { channelLabel, useContracts, type ContractFilter } from './contracts.ts';
import { ContractStatusTag } from './ContractStatusTag.tsx';

/**
 * Server-paged contracts; a row opens the contract. `compact` hides the staff-only columns.
 * Give it a `key` per filter so a new filter starts from the first page.
 */
export function ContractTable({ filter, compact = false }: { filter: ContractFilter; compact?: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  const [paging, setPaging] = useState(FIRST_PAGE);
  const contracts = useContracts(filter, paging);

  const columns: TableColumnsType<ContractSummary> = [
    {
      title: t('contract.number'),
      dataIndex: 'number',
      fixed: 'left',
      render: (v: string, c) => (
        <Link to={`/contracts/${c.id}`} onClick={(e) => e.stopPropagation()}>
          <strong>{v}</strong>
        </Link>
      ),
    },
    ...(compact ? [] : [{ title: t('contract.customer'), key: 'customer', render: (_: unknown, c: ContractSummary) => c.customer?.name ?? '—' }]),
    {
      title: t('contract.product'),
      key: 'product',
      // Long product names wrap, so the amount and status columns stay in view at desktop widths.
      render: (_, c) => (
        <div className="wrap-cell">
          {c.product ? localName(c.product, t.lang) : '—'}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {c.plan && localName(c.plan, t.lang)}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('contract.quantity'), dataIndex: 'quantity', align: 'right', render: (v: number) => formatNumber(v) },
    { title: t('contract.period'), dataIndex: 'periodMonths', render: (v: number) => monthsLabel(t, v) },
    { title: t('contract.total'), dataIndex: 'totalVnd', align: 'right', render: (v: string) => <Money value={v} /> },
    { title: t('contract.status'), dataIndex: 'status', render: (s: ContractSummary['status']) => <ContractStatusTag status={s} /> },
    { title: t('contract.startDate'), dataIndex: 'startDate', responsive: ['md'], render: (v: string | null) => <DateTime value={v} dateOnly /> },
    { title: t('contract.endDate'), dataIndex: 'endDate', responsive: ['md'], render: (v: string | null) => <DateTime value={v} dateOnly /> },
    ...(compact
      ? []
      : [{ title: t('contract.channel'), dataIndex: 'channel', responsive: ['lg' as const], render: (v: string) => channelLabel(t, v) }]),
  ];

  return (
    <PagedTable<ContractSummary>
      query={contracts}
      paging={paging}
      onPaging={setPaging}
      columns={columns}
      rowClassName={() => 'clickable-row'}
      onRow={(c) => ({ onClick: () => navigate(`/contracts/${c.id}`) })}
      data-testid="contract-table"
    />
  );
}
