import { Flex, Input, Select, Typography, type TableColumnsType } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { BillStatusValue, BillSummary } from '@contracts/billing';
import { useT } from '../../i18n/index.tsx';
import { DateTime } from '../../ui/DateTime.tsx';
import { Money } from '../../ui/Money.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { PagedTable } from '../../ui/PagedTable.tsx';
import { useFilteredPaging } from '../../ui/paging.ts';
import { useSession } from '../auth/session.tsx';
import { BillRunCard } from './BillRunCard.tsx';
import { BillStatusTag } from './BillStatusTag.tsx';
import { BILL_STATUSES, billStatusLabel, monthLabel, useBills, type BillFilter } from './bills.ts';

/**
 * `/bills` (`?contractId=` for one contract's): postpaid bills as the caller may see them (a customer
 * their own, staff their contracts', accounting all).
 */
export function BillsPage() {
  const t = useT();
  const navigate = useNavigate();
  const { permissions } = useSession();
  const [params] = useSearchParams();
  const { filter, setFilter, paging, setPaging } = useFilteredPaging<BillFilter>(() => ({ contractId: params.get('contractId') ?? undefined }));
  const list = useBills(filter, paging);
  const columns: TableColumnsType<BillSummary> = [
    { title: t('bills.number'), dataIndex: 'number', render: (v: string | null, b) => <Link to={`/bills/${b.id}`} className="mono">{v ?? '—'}</Link> },
    { title: t('bills.period'), dataIndex: 'period', render: (v: string) => monthLabel(v) },
    {
      title: t('bills.contract'),
      key: 'contract',
      render: (_, b) => (
        <Flex vertical gap={2}>
          <Link to={`/contracts/${b.contractId}`} onClick={(e) => e.stopPropagation()}>
            {b.contractNumber}
          </Link>
          <Typography.Text style={{ fontSize: 12 }}>{b.customerName}</Typography.Text>
        </Flex>
      ),
    },
    { title: t('bills.dueDate'), dataIndex: 'dueDate', responsive: ['md'], render: (v: string | null) => <DateTime value={v} dateOnly /> },
    { title: t('bills.total'), dataIndex: 'totalVnd', align: 'right', render: (v: string) => <strong><Money value={v} /></strong> },
    { title: t('bills.paid'), dataIndex: 'paidVnd', align: 'right', responsive: ['md'], render: (v: string) => <Money value={v} /> },
    { title: t('bills.status'), dataIndex: 'status', render: (s: BillStatusValue) => <BillStatusTag status={s} /> },
  ];
  return (
    <>
      <PageHeader title={t('bills.title')} />
      <Typography.Paragraph type="secondary">{t('bills.hint')}</Typography.Paragraph>
      <Flex vertical gap={16}>
        {permissions.includes('billing.run') && <BillRunCard />}
        <Flex gap={8} wrap>
          <Input.Search
            style={{ width: 160 }}
            placeholder={t('bills.runPeriod')}
            allowClear
            onSearch={(v) => setFilter({ ...filter, period: /^\d{4}-\d{2}$/.test(v.trim()) ? v.trim() : undefined })}
            aria-label={t('bills.period')}
            data-testid="bills-period"
          />
          <Select<BillStatusValue | ''>
            style={{ width: 200 }}
            value={filter.status ?? ''}
            onChange={(v) => setFilter({ ...filter, status: v || undefined })}
            options={[{ value: '', label: t('bills.allStatuses') }, ...BILL_STATUSES.map((s) => ({ value: s, label: billStatusLabel(t, s) }))]}
            aria-label={t('bills.status')}
          />
        </Flex>
        <PagedTable<BillSummary>
          query={list}
          paging={paging}
          onPaging={setPaging}
          columns={columns}
          onRow={(b) => ({ onClick: () => navigate(`/bills/${b.id}`), style: { cursor: 'pointer' } })}
          locale={{ emptyText: t('bills.empty') }}
          data-testid="bills-table"
        />
      </Flex>
    </>
  );
}
