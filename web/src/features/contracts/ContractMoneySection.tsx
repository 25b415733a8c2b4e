import { Card, Empty, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import type { Invoice, InvoiceStatus } from '@contracts/invoicing';
import type { ContractMoney } from '@contracts/payments';
import { useT } from '../../i18n/index.tsx';
import { DateTime } from '../../ui/DateTime.tsx';
import { Money } from '../../ui/Money.tsx';
import { QueryError } from '../../ui/QueryError.tsx';
import { hasAnyRole, useSession } from '../auth/session.tsx';
import { InvoiceLinks } from '../invoices/InvoiceLinks.tsx';
import { INVOICE_ROLES, INVOICE_STATUS_COLORS, invoiceNo, invoiceStatusLabel, invoicesKey } from '../invoices/invoices.ts';
import { PAYMENT_STATUS_COLORS, paymentStatusLabel } from '../payments/payments.ts';

type PaymentRow = ContractMoney['payments'][number];

/** The payments and e-invoices of a contract (its customer and the staff who may see it). */
export function ContractMoneySection({ contractId }: { contractId: string }) {
  const t = useT();
  const { user } = useSession();
  const officer = hasAnyRole(user, INVOICE_ROLES);
  const money = useQuery({
    queryKey: [...invoicesKey, 'contract', contractId],
    queryFn: () => api.get<ContractMoney>(`/api/v1/contracts/${encodeURIComponent(contractId)}/money`),
  });
  const payments: TableColumnsType<PaymentRow> = [
    { title: t('contractMoney.payment'), dataIndex: 'description', ellipsis: true },
    { title: t('contractMoney.amount'), dataIndex: 'amountVnd', align: 'right', render: (v: string) => <Money value={v} /> },
    { title: t('contractMoney.status'), dataIndex: 'status', render: (s: PaymentRow['status']) => <Tag color={PAYMENT_STATUS_COLORS[s]}>{paymentStatusLabel(t, s)}</Tag> },
    { title: t('contractMoney.paidAt'), dataIndex: 'paidAt', render: (v: string | null) => <DateTime value={v} /> },
    {
      title: t('contractMoney.refunded'),
      dataIndex: 'refundedVnd',
      align: 'right',
      responsive: ['md'],
      render: (v: string) => (BigInt(v) > 0n ? <Money value={v} /> : t('common.none')),
    },
  ];
  const invoices: TableColumnsType<Invoice> = [
    {
      title: t('invoices.number'),
      key: 'number',
      render: (_, inv) =>
        officer ? (
          <Link to={`/invoices/${inv.id}`} className="mono">
            {invoiceNo(inv)}
          </Link>
        ) : (
          <span className="mono">{invoiceNo(inv)}</span>
        ),
    },
    { title: t('invoices.issuedDate'), dataIndex: 'issuedDate', render: (v: string | null) => <DateTime value={v} dateOnly /> },
    { title: t('invoices.total'), dataIndex: 'totalVnd', align: 'right', render: (v: string) => <Money value={v} /> },
    { title: t('invoices.status'), dataIndex: 'status', render: (s: InvoiceStatus) => <Tag color={INVOICE_STATUS_COLORS[s]}>{invoiceStatusLabel(t, s)}</Tag> },
    { title: '', key: 'links', render: (_, inv) => <InvoiceLinks inv={inv} /> },
  ];
  const empty = (text: string) => <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} />;
  return (
    <Card size="small" title={t('contract.section.money')} data-testid="contract-money">
      <QueryError error={money.error} onRetry={() => money.refetch()} />
      <Flex vertical gap={16}>
        <div>
          <Typography.Text strong>{t('contractMoney.payments')}</Typography.Text>
          <Table<PaymentRow>
            rowKey="id"
            size="small"
            columns={payments}
            dataSource={money.data?.payments}
            loading={money.isPending && !money.error}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: empty(t('contractMoney.noPayments')) }}
            data-testid="contract-payments"
          />
        </div>
        <div>
          <Typography.Text strong>{t('contractMoney.invoices')}</Typography.Text>
          <Table<Invoice>
            rowKey="id"
            size="small"
            columns={invoices}
            dataSource={money.data?.invoices}
            loading={money.isPending && !money.error}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: empty(t('contractMoney.noInvoices')) }}
            data-testid="contract-invoices"
          />
        </div>
      </Flex>
    </Card>
  );
}
