import { useState } from 'react';
import { Button, Card, Descriptions, Flex, Skeleton, Table, type TableColumnsType } from 'antd';
import { BankOutlined, CreditCardOutlined, PrinterOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import type { BillLine, BillPayment } from '@contracts/billing';
import { useSession } from '../auth/session.tsx';
import { useT } from '../../i18n/index.tsx';
import { ManualPaymentDialog } from '../payments/ManualPaymentDialog.tsx';
import { DateTime } from '../../ui/DateTime.tsx';
import { formatNumber } from '../../ui/format.ts';
import { Money } from '../../ui/Money.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryError } from '../../ui/QueryError.tsx';
import { BillStatusTag } from './BillStatusTag.tsx';
import { billPrintUrl, monthLabel, useBill } from './bills.ts';
import { useCrumb } from '../layout/Breadcrumbs.tsx';
import { unitLabel } from '../catalog/catalog.ts';

/** `/bills/:id`: a bill's charges, totals and the money received; pay it (VNPay link page), record a transfer of a part, print it. */
export function BillDetailPage() {
  const t = useT();
  const { id = '' } = useParams();
  const { permissions } = useSession();
  const [recording, setRecording] = useState(false);
  const bill = useBill(id);
  const b = bill.data;
  useCrumb(b?.number);
  const paymentColumns: TableColumnsType<BillPayment> = [
    { title: t('payment.paidAt'), dataIndex: 'paidAt', render: (v: string | null) => <DateTime value={v} /> },
    {
      title: t('bills.paymentMethod'),
      dataIndex: 'method',
      render: (m: BillPayment['method']) => t(m === 'vnpay' ? 'bills.viaVnpay' : 'manualPayment.method'),
    },
    { title: t('manualPayment.bankRef'), dataIndex: 'bankRef', render: (v: string | null) => v ?? '—' },
    { title: t('payment.amount'), dataIndex: 'amountVnd', align: 'right', render: (v: string) => <Money value={v} /> },
  ];
  const columns: TableColumnsType<BillLine> = [
    { title: t('bills.line'), dataIndex: 'description' },
    { title: t('bills.quantity'), key: 'quantity', align: 'right', render: (_, l) => `${formatNumber(l.quantity)} ${unitLabel(t, l.unit)}` },
    { title: t('bills.unitPrice'), dataIndex: 'unitPriceVnd', align: 'right', render: (v: string) => <Money value={v} /> },
    { title: t('bills.amount'), dataIndex: 'amountVnd', align: 'right', render: (v: string) => <Money value={v} /> },
    { title: t('bills.vatRate'), dataIndex: 'vatRate', align: 'right', responsive: ['md'], render: (v: string) => (v === 'KCT' ? 'KCT' : `${v}%`) },
    { title: t('bills.vat'), dataIndex: 'vatVnd', align: 'right', render: (v: string) => <Money value={v} /> },
  ];
  return (
    <>
      <QueryError error={bill.error} onRetry={() => bill.refetch()} />
      {!b ? (
        !bill.error && <Skeleton active />
      ) : (
        <>
          <PageHeader
            title={t('bills.detailTitle', { number: b.number ?? '—' })}
            extra={[
              b.payUrl && (
                <Button key="pay" type="primary" icon={<CreditCardOutlined />} href={b.payUrl} data-testid="bill-pay">
                  {t('bills.pay')}
                </Button>
              ),
              b.payUrl && permissions.includes('contract.record_payment') && (
                <Button key="transfer" icon={<BankOutlined />} onClick={() => setRecording(true)} data-testid="bill-record-transfer">
                  {t('manualPayment.title')}
                </Button>
              ),
              <Button key="print" icon={<PrinterOutlined />} href={billPrintUrl(b.id)} target="_blank" rel="noopener" data-testid="bill-print">
                {t('bills.print')}
              </Button>,
            ]}
          />
          <Flex vertical gap={16}>
            <Card size="small">
              <Descriptions
                size="small"
                column={{ xs: 1, md: 2 }}
                items={[
                  { key: 'status', label: t('bills.status'), children: <BillStatusTag status={b.status} /> },
                  { key: 'period', label: t('bills.period'), children: monthLabel(b.period) },
                  {
                    key: 'contract',
                    label: t('bills.contract'),
                    children: <Link to={`/contracts/${b.contractId}`} data-testid="bill-contract">{b.contractNumber}</Link>,
                  },
                  { key: 'customer', label: t('bills.customer'), children: b.customerName },
                  { key: 'issue', label: t('bills.issueDate'), children: <DateTime value={b.issueDate} dateOnly /> },
                  { key: 'due', label: t('bills.dueDate'), children: <DateTime value={b.dueDate} dateOnly /> },
                  { key: 'subtotal', label: t('bills.subtotal'), children: <Money value={b.subtotalVnd} /> },
                  { key: 'vat', label: t('bills.vat'), children: <Money value={b.vatVnd} /> },
                  { key: 'total', label: t('bills.total'), children: <strong><Money value={b.totalVnd} /></strong> },
                  { key: 'paid', label: t('bills.paid'), children: <Money value={b.paidVnd} /> },
                  {
                    key: 'outstanding',
                    label: t('bills.outstanding'),
                    children: <strong data-testid="bill-outstanding"><Money value={b.outstandingVnd} /></strong>,
                  },
                ]}
              />
            </Card>
            {b.payments.length > 0 && (
              <Card size="small" title={t('bills.payments')}>
                <Table<BillPayment>
                  rowKey="id"
                  size="small"
                  pagination={false}
                  columns={paymentColumns}
                  dataSource={b.payments}
                  scroll={{ x: 'max-content' }}
                  data-testid="bill-payments"
                />
              </Card>
            )}
            <Card size="small" title={t('bills.lines')}>
              <Table<BillLine>
                rowKey={(l) => `${l.kind}-${l.description}`}
                size="small"
                pagination={false}
                columns={columns}
                dataSource={b.lines}
                locale={{ emptyText: t('bills.noLines') }}
                scroll={{ x: 'max-content' }}
              />
            </Card>
          </Flex>
          {recording && (
            <ManualPaymentDialog
              contractId={b.contractId}
              contractNumber={b.number ?? b.contractNumber}
              billId={b.id}
              dueVnd={b.outstandingVnd}
              onClose={() => {
                setRecording(false);
                void bill.refetch();
              }}
            />
          )}
        </>
      )}
    </>
  );
}
