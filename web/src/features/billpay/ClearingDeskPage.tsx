import { useState } from 'react';
import { Button, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { DeskOrder, RecoveryCase } from '@contracts/billpay';
import { useT, type Translate } from '../../i18n/index.tsx';
import { DateTime } from '../../ui/DateTime.tsx';
import { Money } from '../../ui/Money.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { PagedTable } from '../../ui/PagedTable.tsx';
import { QueryError } from '../../ui/QueryError.tsx';
import { useFilteredPaging } from '../../ui/paging.ts';
import { hasAnyRole, useSession } from '../auth/session.tsx';
import { CLEARABLE, FRAUD_CANCELLABLE, STATUS_COLORS, statusLabel, useCases, useDeskOrders, type OrderStatus } from './billpay.ts';
import { DayReportTab } from './DayReportTab.tsx';
import { VatBatchesTab } from './VatBatchesTab.tsx';
import { ClearDialog, FraudCancelDialog } from './DeskDialogs.tsx';

const STATUSES: OrderStatus[] = ['recovery', 'clearing', 'paid', 'cleared', 'rejected', 'fraud_cancelled', 'pending', 'failed', 'expired', 'cancelled'];

type Dialog = { kind: 'clear' | 'fraud'; order: Pick<DeskOrder, 'id' | 'msisdn' | 'amountVnd'> } | null;

/** The 2-day clock of E6 as the desk reads it. */
function clockText(t: Translate, c: RecoveryCase) {
  if (c.status === 'resolved') return <Tag color="green">{t('billpayDesk.resolved', { how: c.resolution ?? '' })}</Tag>;
  const m = Math.abs(c.minutesLeft);
  return c.overdue ? (
    <Tag color="red" data-testid="billpay-case-clock">{t('billpayDesk.overdue', { hours: Math.floor(m / 60) })}</Tag>
  ) : (
    <Tag color={c.minutesLeft < 6 * 60 ? 'orange' : 'blue'} data-testid="billpay-case-clock">
      {t('billpayDesk.left', { hours: Math.floor(m / 60), minutes: m % 60 })}
    </Tag>
  );
}

/**
 * `/billpay/desk`: TT TC&TK's clearing desk (E6, E7, E9). A C<n>_ePayment user sees only the numbers
 * of their billing center (the server scopes every list and command); the cases carry the 2-day clock.
 */
export function ClearingDeskPage() {
  const t = useT();
  const { user } = useSession();
  const canClear = hasAnyRole(user, ['clearing']);
  const canCancel = hasAnyRole(user, ['clearing', 'admin']);
  const center = /C(\d)$/.exec(user.orgUnit?.code ?? '')?.[1];
  const { filter, setFilter, paging, setPaging } = useFilteredPaging<{ status?: OrderStatus }>({});
  const orders = useDeskOrders(filter, paging);
  const [caseStatus, setCaseStatus] = useState<'open' | 'resolved'>('open');
  const cases = useCases(caseStatus);
  const [dialog, setDialog] = useState<Dialog>(null);

  const actions = (o: Pick<DeskOrder, 'id' | 'msisdn' | 'amountVnd'> & { status: OrderStatus }) => (
    <Space>
      {canClear && CLEARABLE.includes(o.status) && (
        <Button size="small" type="primary" onClick={() => setDialog({ kind: 'clear', order: o })} data-testid="billpay-clear">
          {t('billpayDesk.clear')}
        </Button>
      )}
      {canCancel && FRAUD_CANCELLABLE.includes(o.status) && (
        <Button size="small" danger onClick={() => setDialog({ kind: 'fraud', order: o })} data-testid="billpay-fraud">
          {t('billpayDesk.fraud')}
        </Button>
      )}
    </Space>
  );
  const statusTag = (s: OrderStatus) => <Tag color={STATUS_COLORS[s]}>{statusLabel(t, s)}</Tag>;
  const kind = (k: 'bill' | 'topup') => (k === 'bill' ? t('billpay.kindBill') : t('billpay.kindTopup'));

  const queue = (
    <>
      <Select<OrderStatus | 'all'>
        value={filter.status ?? 'all'}
        style={{ width: 240, marginBottom: 12 }}
        onChange={(v) => setFilter(v === 'all' ? {} : { status: v })}
        options={[{ value: 'all', label: t('billpayDesk.allStatuses') }, ...STATUSES.map((s) => ({ value: s, label: statusLabel(t, s) }))]}
        data-testid="billpay-status-filter"
      />
      <PagedTable<DeskOrder>
        query={orders}
        paging={paging}
        onPaging={setPaging}
        columns={[
          { title: t('billpayDesk.created'), dataIndex: 'createdAt', render: (v: string) => <DateTime value={v} /> },
          { title: t('billpay.msisdn'), dataIndex: 'msisdn' },
          { title: t('billpayDesk.kind'), dataIndex: 'kind', render: kind },
          { title: t('billpay.amount'), dataIndex: 'amountVnd', align: 'right', render: (v: string) => <Money value={v} /> },
          { title: 'TT', dataIndex: 'center' },
          { title: t('billpayDesk.status'), dataIndex: 'status', render: statusTag },
          { title: t('billpayDesk.risk'), dataIndex: 'riskScore', render: (v: number | null, o) => (v === null ? '' : <span title={o.riskHits?.map((h) => h.detail).join('; ')}>{v}</span>) },
          { title: t('billpayDesk.debtAfter'), dataIndex: 'debtAfterVnd', align: 'right', render: (v: string | null) => (v === null ? '' : <Money value={v} />) },
          { title: t('billpayDesk.error'), dataIndex: 'clearingError', render: (v: string | null) => <Typography.Text type="danger">{v}</Typography.Text> },
          { key: 'actions', render: (_, o) => actions(o) },
        ]}
      />
    </>
  );

  const caseTable = (
    <>
      <Select<'open' | 'resolved'>
        value={caseStatus}
        onChange={setCaseStatus}
        style={{ width: 200, marginBottom: 12 }}
        options={[
          { value: 'open', label: t('billpayDesk.open') },
          { value: 'resolved', label: t('billpayDesk.closed') },
        ]}
      />
      <QueryError error={cases.error} onRetry={() => cases.refetch()} />
      <Table<RecoveryCase>
        rowKey="id"
        size="middle"
        loading={cases.isFetching}
        scroll={{ x: 'max-content' }}
        dataSource={cases.data?.items}
        pagination={false}
        columns={[
          { title: t('billpayDesk.created'), dataIndex: 'openedAt', render: (v: string) => <DateTime value={v} /> },
          { title: t('billpay.msisdn'), dataIndex: 'msisdn' },
          { title: t('billpayDesk.kind'), dataIndex: 'kind', render: kind },
          { title: t('billpay.amount'), dataIndex: 'amountVnd', align: 'right', render: (v: string) => <Money value={v} /> },
          { title: t('billpayDesk.due'), dataIndex: 'dueAt', render: (v: string, c) => <Space><DateTime value={v} />{clockText(t, c)}</Space> },
          { title: t('billpayDesk.status'), dataIndex: 'orderStatus', render: statusTag },
          { title: t('billpayDesk.error'), dataIndex: 'lastError', render: (v: string | null) => <Typography.Text type="danger">{v}</Typography.Text> },
          { key: 'actions', render: (_, c) => actions({ id: c.orderId, msisdn: c.msisdn, amountVnd: c.amountVnd, status: c.orderStatus }) },
        ]}
      />
    </>
  );

  return (
    <>
      <PageHeader title={t('billpayDesk.title')} extra={<Tag color="blue">{center ? t('billpayDesk.center', { center }) : t('billpayDesk.allCenters')}</Tag>} />
      <Tabs
        items={[
          { key: 'cases', label: t('billpayDesk.cases'), children: caseTable },
          { key: 'queue', label: t('billpayDesk.queue'), children: queue },
          { key: 'reports', label: t('billpayDesk.reports'), children: <DayReportTab /> },
          { key: 'vat', label: t('billpayDesk.vat'), children: <VatBatchesTab /> },
        ]}
      />
      {dialog?.kind === 'clear' && <ClearDialog order={dialog.order} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'fraud' && <FraudCancelDialog order={dialog.order} onClose={() => setDialog(null)} />}
    </>
  );
}
