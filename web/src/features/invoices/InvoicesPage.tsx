import { useEffect, useState, type HTMLAttributes } from 'react';
import { Badge, Flex, Input, Table, Tabs, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Invoice, InvoiceStatus } from '@contracts/invoicing';
import { useT } from '../../i18n/index.tsx';
import { DateTime } from '../../ui/DateTime.tsx';
import { Money } from '../../ui/Money.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { FIRST_PAGE, tablePagination, type PageState } from '../../ui/paging.ts';
import { QueryError } from '../../ui/QueryError.tsx';
import { useDebounced } from '../../ui/useDebounced.ts';
import { useIsMobile } from '../../ui/useIsMobile.ts';
import {
  INVOICE_STATUS_COLORS,
  INVOICE_TABS,
  invoiceNo,
  invoiceStatusLabel,
  isInvoiceTab,
  searchTerm,
  TAB_TRANSIENT,
  useInvoiceCounts,
  useInvoices,
  vatTreatment,
  type InvoiceTab,
} from './invoices.ts';

/** `/invoices`: the e-invoices by status, with a search; a row opens the invoice. */
export function InvoicesPage() {
  const t = useT();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  // The tab and the search live in the URL: the way back from an invoice lands on the same list.
  const [params, setParams] = useSearchParams();
  const status = params.get('status');
  const tab: InvoiceTab = isInvoiceTab(status) ? status : 'issued';
  const [search, setSearch] = useState(params.get('q') ?? '');
  const q = useDebounced(search.trim(), 300) || undefined;
  const [paging, setPaging] = useState<PageState>(FIRST_PAGE);

  useEffect(() => {
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (q) next.set('q', q);
        else next.delete('q');
        return next;
      },
      { replace: true },
    );
    setPaging((p) => ({ ...p, page: 1 }));
  }, [q, setParams]);

  const term = q && searchTerm(q);
  const transient = TAB_TRANSIENT[tab];
  const list = useInvoices({ status: tab, q: term }, paging, { poll: !!transient });
  // Being pushed or cancelled is a matter of seconds: those invoices head the first page of "pending" / "cancelled".
  const moving = useInvoices({ status: transient, q: term }, { page: 1, pageSize: 100 }, { enabled: !!transient, poll: true });
  const counts = useInvoiceCounts(term);
  const extra = transient ? (moving.data?.items ?? []) : [];
  const rows = paging.page === 1 ? [...extra, ...(list.data?.items ?? [])] : list.data?.items;
  const pagination = tablePagination(t, paging, list.data?.total, setPaging);
  const showErrors = tab === 'failed' || tab === 'pending';

  const columns: TableColumnsType<Invoice> = [
    {
      title: t('invoices.number'),
      key: 'number',
      render: (_, inv) => (
        <Link to={`/invoices/${inv.id}`} className="mono" style={{ fontSize: 13 }} onClick={(e) => e.stopPropagation()}>
          {invoiceNo(inv)}
          {inv.number === null && <Typography.Text type="secondary"> · {t('invoices.noNumber')}</Typography.Text>}
        </Link>
      ),
    },
    { title: t('invoices.buyer'), key: 'buyer', ellipsis: true, render: (_, inv) => inv.buyer.name },
    { title: t('invoices.taxCode'), key: 'taxCode', render: (_, inv) => (inv.buyer.taxCode ? <span className="mono">{inv.buyer.taxCode}</span> : t('common.none')) },
    { title: t('invoices.total'), dataIndex: 'totalVnd', align: 'right', render: (v: string) => <strong><Money value={v} /></strong> },
    {
      title: t('invoices.vat'),
      key: 'vat',
      responsive: ['md'],
      render: (_, inv) => (
        <Tooltip title={<Money value={inv.vatVnd} />}>
          <Tag>{vatTreatment(t, inv)}</Tag>
        </Tooltip>
      ),
    },
    { title: t('invoices.issuedDate'), dataIndex: 'issuedDate', render: (v: string | null) => <DateTime value={v} dateOnly /> },
    {
      title: t('invoices.status'),
      dataIndex: 'status',
      render: (s: InvoiceStatus) => <Tag color={INVOICE_STATUS_COLORS[s]}>{invoiceStatusLabel(t, s)}</Tag>,
    },
  ];
  if (tab === 'needs_data')
    columns.push({
      title: t('invoices.dataProblems'),
      key: 'problems',
      render: (_, inv) => (
        <Flex vertical data-testid={`invoice-problems-${inv.id}`}>
          {(inv.dataProblems ?? []).map((p) => (
            <Typography.Text key={p} type="warning" style={{ fontSize: 12 }}>
              {p}
            </Typography.Text>
          ))}
        </Flex>
      ),
    });
  if (showErrors)
    columns.push({
      title: t('invoices.attemptsError'),
      key: 'error',
      render: (_, inv) =>
        inv.attempts || inv.lastError ? (
          <Flex gap={6} align="baseline" style={{ minWidth: 0 }}>
            <Tag>{t('invoices.attemptsN', { n: inv.attempts ?? 0 })}</Tag>
            {inv.lastError && (
              <Typography.Text type="danger" ellipsis={{ tooltip: inv.lastError }} style={{ fontSize: 12, maxWidth: 220 }}>
                {inv.lastError}
              </Typography.Text>
            )}
          </Flex>
        ) : (
          t('common.none')
        ),
    });

  const searchBox = (
    <Input
      allowClear
      prefix={<SearchOutlined />}
      placeholder={t('invoices.search')}
      value={search}
      onChange={(e) => setSearch(e.target.value)}
      style={{ width: isMobile ? '100%' : 360, marginBottom: 8 }}
      data-testid="invoices-search"
    />
  );

  return (
    <>
      <PageHeader title={t('invoices.title')} />
      {/* Above the tabs: six status tabs fill the width. */}
      {searchBox}
      <Tabs
        activeKey={tab}
        onChange={(key) => {
          setParams((p) => {
            const next = new URLSearchParams(p);
            next.set('status', key);
            return next;
          });
          setPaging((p) => ({ ...p, page: 1 }));
        }}
        items={INVOICE_TABS.map((s) => ({
          key: s,
          label: (
            <span data-testid={`invoices-tab-${s}`}>
              {t(`invoices.tab.${s}`)}{' '}
              <Badge
                count={counts[s] ?? 0}
                showZero
                overflowCount={999}
                color={counts[s] && s === 'failed' ? 'red' : counts[s] && s === 'needs_data' ? 'orange' : '#bfc8d3'}
                data-testid={`invoices-count-${s}`}
              />
            </span>
          ),
        }))}
      />
      <QueryError error={list.error} onRetry={() => list.refetch()} />
      <Table<Invoice>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={list.isFetching && (list.isPending || list.isPlaceholderData)}
        pagination={{ ...pagination, showTotal: () => t('common.total', { total: (list.data?.total ?? 0) + extra.length }) }}
        scroll={{ x: 'max-content' }}
        onRow={(inv) =>
          ({
            'data-testid': `invoice-row-${inv.id}`,
            onClick: () => navigate(`/invoices/${inv.id}`),
            style: { cursor: 'pointer' },
          }) as HTMLAttributes<HTMLElement>
        }
        data-testid="invoices-table"
      />
    </>
  );
}
