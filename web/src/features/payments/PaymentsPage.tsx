import { useState, type HTMLAttributes } from 'react';
import { Alert, App, Button, Card, Flex, Input, Select, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { BankOutlined, ExclamationCircleFilled, RollbackOutlined, SearchOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router';
import { PAYMENT_STATUSES, type Payment, type PaymentAttempt, type PaymentRefund, type PaymentStatus } from '@contracts/payments';
import { useT } from '../../i18n/index.tsx';
import { DateTime } from '../../ui/DateTime.tsx';
import { formatMoney } from '../../ui/format.ts';
import { Money } from '../../ui/Money.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { PagedTable } from '../../ui/PagedTable.tsx';
import { useFilteredPaging } from '../../ui/paging.ts';
import { useSession } from '../auth/session.tsx';
import { AREAS } from '../layout/areas.tsx';
import {
  ATTEMPT_STATUS_COLORS,
  attemptStatusLabel,
  canBeRefunded,
  PAYMENT_STATUS_COLORS,
  paymentStatusLabel,
  REFUND_STATUS_COLORS,
  refundable,
  refundStatusLabel,
  responseCodeText,
  usePayments,
  useQueryAttempt,
  type PaymentFilter,
} from './payments.ts';
import { ManualPaymentDialog } from './ManualPaymentDialog.tsx';
import { RefundDialog } from './RefundDialog.tsx';

/** `/payments`: every payment (VNPay or bank transfer) with its attempts and refunds; querydr, refunds, recording a transfer. */
export function PaymentsPage() {
  const t = useT();
  const { permissions } = useSession();
  const canRefund = permissions.includes('payment.refund');
  const canRecord = permissions.includes('contract.record_payment');
  const [recording, setRecording] = useState<Payment | null>(null);
  const [params] = useSearchParams();
  const { filter, setFilter, paging, setPaging } = useFilteredPaging<PaymentFilter>(() => ({ contractId: params.get('contractId') ?? undefined }));
  const [contractInput, setContractInput] = useState(filter.contractId ?? '');
  const [refunding, setRefunding] = useState<Payment | null>(null);
  const payments = usePayments(filter, paging);

  const columns: TableColumnsType<Payment> = [
    { title: t('payments.createdAt'), dataIndex: 'createdAt', render: (v: string) => <DateTime value={v} /> },
    {
      title: t('payments.description'),
      key: 'description',
      render: (_, p) => (
        <Flex vertical gap={2}>
          {/* A subscriber's bill payment or top-up (SPEC E) has no contract. */}
          {p.contractId ? (
            <Link to={`/contracts/${p.contractId}`} onClick={(e) => e.stopPropagation()} data-testid={`payment-contract-${p.id}`}>
              {p.contractNumber ?? p.description}
            </Link>
          ) : (
            <Typography.Text>{p.description}</Typography.Text>
          )}
          {p.customerName && <Typography.Text style={{ fontSize: 12 }}>{p.customerName}</Typography.Text>}
          {p.amendmentId && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('payments.amendment')}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    { title: t('pay.amount'), dataIndex: 'amountVnd', align: 'right', render: (v: string) => <strong><Money value={v} /></strong> },
    {
      title: t('payments.status'),
      dataIndex: 'status',
      render: (s: PaymentStatus, p) => (
        <Flex gap={4} wrap>
          <Tag color={PAYMENT_STATUS_COLORS[s]}>{paymentStatusLabel(t, s)}</Tag>
          {p.method === 'bank_transfer' && (
            <Tooltip title={[p.bankRef, p.note].filter(Boolean).join(' · ')}>
              <Tag icon={<BankOutlined />}>{t('manualPayment.method')}</Tag>
            </Tooltip>
          )}
          {p.applyError && canBeRefunded(p) && (
            <Tooltip title={p.applyError}>
              <Tag color="red" icon={<ExclamationCircleFilled />} data-testid={`payment-needs-refund-${p.id}`}>
                {t('payments.needsRefund')}
              </Tag>
            </Tooltip>
          )}
        </Flex>
      ),
    },
    { title: t('payments.paidAt'), dataIndex: 'paidAt', render: (v: string | null) => <DateTime value={v} /> },
    {
      title: t('payments.refunded'),
      dataIndex: 'refundedVnd',
      align: 'right',
      responsive: ['md'],
      render: (v: string) => (BigInt(v || '0') > 0n ? <Money value={v} /> : t('common.none')),
    },
    { title: t('payments.attempts'), key: 'attempts', align: 'center', responsive: ['xxl'], render: (_, p) => p.attempts.length },
  ];
  if (canRefund || canRecord)
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      align: 'right',
      fixed: 'right',
      render: (_, p) =>
        canRecord && p.status === 'pending' ? (
          <Button
            size="small"
            icon={<BankOutlined />}
            onClick={(e) => {
              e.stopPropagation();
              setRecording(p);
            }}
            data-testid={`payment-record-${p.id}`}
          >
            {t('manualPayment.submit')}
          </Button>
        ) : (
          canRefund &&
          canBeRefunded(p) && (
          <Button
            size="small"
            danger
            icon={<RollbackOutlined />}
            onClick={(e) => {
              e.stopPropagation();
              setRefunding(p);
            }}
            data-testid={`payment-refund-${p.id}`}
          >
            {t('refund.submit')}
          </Button>
          )
        ),
    });

  return (
    <>
      <PageHeader
        title={t('payments.title')}
        extra={
          <Link to={AREAS.reconciliation.path}>
            <Button icon={AREAS.reconciliation.icon}>{t('nav.reconciliation')}</Button>
          </Link>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap>
          <Select<PaymentStatus>
            allowClear
            placeholder={t('payments.status')}
            aria-label={t('payments.status')}
            value={filter.status}
            onChange={(status) => setFilter({ ...filter, status })}
            options={PAYMENT_STATUSES.map((s) => ({ value: s, label: paymentStatusLabel(t, s) }))}
            style={{ width: 200 }}
            data-testid="payments-status"
          />
          <Input.Search
            allowClear
            placeholder={t('payments.contractId')}
            aria-label={t('payments.contractId')}
            value={contractInput}
            onChange={(e) => setContractInput(e.target.value)}
            onSearch={(v) => setFilter({ ...filter, contractId: v.trim() || undefined })}
            enterButton={<SearchOutlined />}
            style={{ width: 320 }}
            data-testid="payments-contract"
          />
        </Flex>
      </Card>
      <PagedTable<Payment>
        query={payments}
        paging={paging}
        onPaging={setPaging}
        columns={columns}
        rowClassName={(p) => (p.applyError && canBeRefunded(p) ? 'row-overdue' : '')}
        expandable={{ expandedRowRender: (p) => <PaymentAttempts payment={p} />, expandRowByClick: true }}
        onRow={(p) => ({ 'data-testid': `payment-row-${p.id}` }) as HTMLAttributes<HTMLElement>}
        data-testid="payments-table"
      />
      {refunding && <RefundDialog payment={refunding} onClose={() => setRefunding(null)} />}
      {recording && (
        <ManualPaymentDialog
          contractId={recording.contractId}
          contractNumber={recording.contractNumber ?? recording.description}
          amendmentId={recording.amendmentId ?? undefined}
          billId={recording.billId ?? undefined}
          dueVnd={recording.amountVnd}
          onClose={() => setRecording(null)}
        />
      )}
    </>
  );
}

/** The VNPay attempts of one payment, with "Tra cứu VNPay" on the pending ones. */
function PaymentAttempts({ payment }: { payment: Payment }) {
  const t = useT();
  const { message } = App.useApp();
  const { permissions } = useSession();
  const canQuery = permissions.includes('payment.reconcile');
  const query = useQueryAttempt();

  const columns: TableColumnsType<PaymentAttempt> = [
    {
      title: t('payReturn.txnRef'),
      dataIndex: 'txnRef',
      render: (v: string, a) => (
        <Flex vertical>
          <span>
            <span className="mono">{v}</span> {v === payment.paidTxnRef && <Tag color="green">{t('payments.paidBy')}</Tag>}
          </span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <DateTime value={a.createdAt} />
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('pay.amount'), dataIndex: 'amountVnd', align: 'right', render: (v: string) => <Money value={v} /> },
    {
      title: t('payments.status'),
      dataIndex: 'status',
      render: (s: PaymentAttempt['status'], a) => (
        <Tag color={ATTEMPT_STATUS_COLORS[s]} data-testid={`attempt-status-${a.txnRef}`}>
          {attemptStatusLabel(t, s)}
        </Tag>
      ),
    },
    {
      title: t('payReturn.responseCode'),
      dataIndex: 'responseCode',
      render: (v: string | null) =>
        v ? (
          <Typography.Text ellipsis={{ tooltip: responseCodeText(t, v) }} style={{ maxWidth: 240 }}>
            {v} · <Typography.Text type="secondary">{responseCodeText(t, v)}</Typography.Text>
          </Typography.Text>
        ) : (
          t('common.none')
        ),
    },
    {
      title: t('payments.transactionNo'),
      key: 'vnpay',
      render: (_, a) =>
        a.transactionNo && a.transactionNo !== '0' ? (
          <Flex vertical>
            <span>{a.transactionNo}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {a.bankCode} · <DateTime value={a.payDate} />
            </Typography.Text>
          </Flex>
        ) : (
          t('common.none')
        ),
    },
    { title: t('payments.settledBy'), dataIndex: 'settledBy', render: (v: string | null) => (v ? t.maybe(`settledBy.${v}`) ?? v : t('common.none')) },
  ];
  if (canQuery)
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      align: 'right',
      render: (_, a) =>
        a.status === 'pending' && (
          <Button
            size="small"
            icon={<SearchOutlined />}
            loading={query.isPending && query.variables === a.txnRef}
            onClick={() =>
              query.mutate(a.txnRef, {
                onSuccess: (r) =>
                  r.status === 'pending'
                    ? message.info(t('payments.stillPending'))
                    : message.success(t('payments.queried', { status: attemptStatusLabel(t, r.status) })),
                onError: (e) => message.error(e.message),
              })
            }
            data-testid={`attempt-query-${a.txnRef}`}
          >
            {t('payments.queryVnpay')}
          </Button>
        ),
    });

  return (
    <Flex vertical gap={12} className="payment-attempts">
      {payment.applyError && (
        <Alert
          type={canBeRefunded(payment) ? 'error' : 'info'}
          showIcon
          title={canBeRefunded(payment) ? t('payments.applyError', { amount: formatMoney(refundable(payment)) }) : t('payments.applyErrorDone')}
          description={payment.applyError}
          data-testid="payment-apply-error"
        />
      )}
      <Table<PaymentAttempt>
        rowKey="txnRef"
        size="small"
        columns={columns}
        dataSource={payment.attempts}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('payments.noAttempts') }}
      />
      {payment.refunds.length > 0 && <PaymentRefunds refunds={payment.refunds} />}
    </Flex>
  );
}

/** The refunds of one payment: pending and sending until VNPay answers, then done or failed with VNPay's reason. */
function PaymentRefunds({ refunds }: { refunds: PaymentRefund[] }) {
  const t = useT();
  const columns: TableColumnsType<PaymentRefund> = [
    { title: t('refund.requestedAt'), dataIndex: 'createdAt', render: (v: string) => <DateTime value={v} /> },
    { title: t('refund.amount'), dataIndex: 'amountVnd', align: 'right', render: (v: string) => <Money value={v} /> },
    {
      title: t('payments.status'),
      dataIndex: 'status',
      render: (s: PaymentRefund['status'], r) => (
        <Tag color={REFUND_STATUS_COLORS[s]} data-testid={`refund-status-${r.id}`}>
          {refundStatusLabel(t, s)}
        </Tag>
      ),
    },
    {
      title: t('refund.reason'),
      dataIndex: 'reason',
      render: (v: string) => <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 240 }}>{v}</Typography.Text>,
    },
    {
      title: t('refund.vnpayAnswer'),
      key: 'answer',
      render: (_, r) => (r.responseCode ? `${r.responseCode} · ${r.message ?? ''}` : t('common.none')),
    },
    { title: t('payments.transactionNo'), dataIndex: 'transactionNo', render: (v: string | null) => v || t('common.none') },
  ];
  return (
    <Card size="small" title={t('refund.list')}>
      <Table<PaymentRefund> rowKey="id" size="small" columns={columns} dataSource={refunds} pagination={false} scroll={{ x: 'max-content' }} />
    </Card>
  );
}
