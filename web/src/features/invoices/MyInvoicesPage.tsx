import { useState } from 'react';
import { Tag, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import type { Invoice, InvoiceStatus } from '@contracts/invoicing';
import { useT } from '../../i18n/index.tsx';
import { DateTime } from '../../ui/DateTime.tsx';
import { Money } from '../../ui/Money.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { PagedTable } from '../../ui/PagedTable.tsx';
import { FIRST_PAGE } from '../../ui/paging.ts';
import { InvoiceLinks } from './InvoiceLinks.tsx';
import { INVOICE_STATUS_COLORS, invoiceNo, invoiceStatusLabel, useInvoices } from './invoices.ts';

/** `/my-invoices`: a customer's own e-invoices (the server lists only theirs), to print or download. */
export function MyInvoicesPage() {
  const t = useT();
  const [paging, setPaging] = useState(FIRST_PAGE);
  const list = useInvoices({}, paging);
  const columns: TableColumnsType<Invoice> = [
    {
      title: t('invoices.number'),
      key: 'number',
      render: (_, inv) => (
        <span className="mono" style={{ fontSize: 13 }}>
          {invoiceNo(inv)}
          {inv.number === null && <Typography.Text type="secondary"> · {t('invoices.noNumber')}</Typography.Text>}
        </span>
      ),
    },
    { title: t('invoices.issuedDate'), dataIndex: 'issuedDate', render: (v: string | null) => <DateTime value={v} dateOnly /> },
    { title: t('invoices.paidAt'), dataIndex: 'paidAt', responsive: ['md'], render: (v: string) => <DateTime value={v} /> },
    { title: t('invoices.total'), dataIndex: 'totalVnd', align: 'right', render: (v: string) => <strong><Money value={v} /></strong> },
    { title: t('invoices.status'), dataIndex: 'status', render: (s: InvoiceStatus) => <Tag color={INVOICE_STATUS_COLORS[s]}>{invoiceStatusLabel(t, s)}</Tag> },
    {
      title: t('invoices.contract'),
      dataIndex: 'contractId',
      responsive: ['md'],
      render: (v: string | null) => (v ? <Link to={`/contracts/${v}`}>{t('common.open')}</Link> : t('common.none')),
    },
    { title: '', key: 'links', render: (_, inv) => <InvoiceLinks inv={inv} /> },
  ];
  return (
    <>
      <PageHeader title={t('myInvoices.title')} />
      <Typography.Paragraph type="secondary">{t('myInvoices.hint')}</Typography.Paragraph>
      <PagedTable<Invoice>
        query={list}
        paging={paging}
        onPaging={setPaging}
        columns={columns}
        loading={list.isFetching && (list.isPending || list.isPlaceholderData)}
        locale={{ emptyText: t('myInvoices.empty') }}
        data-testid="my-invoices-table"
      />
    </>
  );
}
