import { useState, type ReactNode } from 'react';
import { Alert, Button, Card, Col, Descriptions, Flex, Result, Row, Skeleton, Spin, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, ExportOutlined, FileSyncOutlined, RedoOutlined, StopOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import type { InvoiceAction, InvoiceDetail, InvoiceLine } from '@contracts/invoicing';
import { ContractLink } from '../contracts/ContractLink.tsx';
import { useT } from '../../i18n/index.tsx';
import { DateTime } from '../../ui/DateTime.tsx';
import { formatDate, formatDateTime, formatNumber } from '../../ui/format.ts';
import { Money } from '../../ui/Money.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryError } from '../../ui/QueryError.tsx';
import { CancelDialog, ReplaceDialog, RetryDialog } from './InvoiceDialogs.tsx';
import { useCrumb } from '../layout/Breadcrumbs.tsx';
import {
  INVOICE_STATUS_COLORS,
  invoiceHtmlUrl,
  invoiceNo,
  invoiceStatusLabel,
  invoiceXmlUrl,
  rateLabel,
  useInvoice,
  useInvoiceHtml,
} from './invoices.ts';

const ACTIONS: Record<InvoiceAction, { icon: ReactNode; primary?: boolean; danger?: boolean }> = {
  retry: { icon: <RedoOutlined />, primary: true },
  replace: { icon: <FileSyncOutlined /> },
  cancel: { icon: <StopOutlined />, danger: true },
};
const ACTION_ORDER: InvoiceAction[] = ['retry', 'replace', 'cancel'];

/** `/invoices/:id`: the printable view, the data and lines, related invoices, and the officer's commands. */
export function InvoiceDetailPage() {
  const t = useT();
  const { id = '' } = useParams();
  const invoice = useInvoice(id);
  const [dialog, setDialog] = useState<InvoiceAction | null>(null);
  const close = () => setDialog(null);
  const inv = invoice.data;
  useCrumb(inv ? invoiceNo(inv) : null);

  const back = (
    <Link to={`/invoices${inv ? `?status=${inv.status === 'issuing' ? 'pending' : inv.status === 'cancelling' ? 'cancelled' : inv.status}` : ''}`}>
      <ArrowLeftOutlined /> {t('invoices.title')}
    </Link>
  );
  if (invoice.error instanceof ApiError && invoice.error.status === 404) return <Result status="404" title={invoice.error.message} extra={back} />;

  return (
    <>
      <div style={{ marginBottom: 8 }}>{back}</div>
      <QueryError error={invoice.error} onRetry={() => invoice.refetch()} />
      {!inv ? (
        !invoice.error && <Skeleton active />
      ) : (
        <>
          <PageHeader
            title={
              <Flex gap={12} align="center" wrap>
                <span data-testid="invoice-number">
                  {t('invoices.detailTitle', { number: invoiceNo(inv) })}
                  {inv.number === null && <Typography.Text type="secondary"> · {t('invoices.noNumber')}</Typography.Text>}
                </span>
                <Tag color={INVOICE_STATUS_COLORS[inv.status]} data-testid="invoice-status">
                  {invoiceStatusLabel(t, inv.status)}
                </Tag>
              </Flex>
            }
            extra={ACTION_ORDER.filter((a) => inv.actions.includes(a)).map((a) => (
              <Button
                key={a}
                type={ACTIONS[a].primary ? 'primary' : 'default'}
                danger={ACTIONS[a].danger}
                icon={ACTIONS[a].icon}
                onClick={() => setDialog(a)}
                data-testid={`invoice-action-${a}`}
              >
                {t(`invoiceAction.${a}`)}
              </Button>
            ))}
          />
          <Flex vertical gap={16}>
            <StatusAlert inv={inv} />
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={14}>
                <PreviewCard inv={inv} />
              </Col>
              <Col xs={24} xl={10}>
                <Flex vertical gap={16}>
                  <InfoCard inv={inv} />
                  <RelatedCard inv={inv} />
                </Flex>
              </Col>
            </Row>
            <LinesCard inv={inv} />
          </Flex>
          {dialog === 'retry' && <RetryDialog invoice={inv} onClose={close} />}
          {dialog === 'cancel' && <CancelDialog invoice={inv} onClose={close} />}
          {dialog === 'replace' && <ReplaceDialog invoice={inv} onClose={close} />}
        </>
      )}
    </>
  );
}

/** Why the invoice is where it is: the push error, the cancellation, the replacement. */
function StatusAlert({ inv }: { inv: InvoiceDetail }) {
  const t = useT();
  const error = inv.lastError && <span className="mono">{inv.lastError}</span>;
  switch (inv.status) {
    case 'needs_data':
      return (
        <Alert
          type="warning"
          showIcon
          title={t('invoices.needsDataAlert')}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {(inv.dataProblems ?? []).map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          }
          data-testid="invoice-alert"
        />
      );
    case 'cancelling':
      return <Alert type="info" showIcon icon={<Spin size="small" />} title={t('invoices.cancellingAlert')} data-testid="invoice-alert" />;
    case 'failed':
      return <Alert type="error" showIcon title={t('invoices.failedAlert', { n: inv.attempts ?? 0 })} description={error} data-testid="invoice-alert" />;
    case 'pending':
      return inv.lastError ? <Alert type="warning" showIcon title={t('invoices.retryingAlert', { n: inv.attempts ?? 0 })} description={error} data-testid="invoice-alert" /> : null;
    case 'issued':
      // A cancellation the provider refused or never answered.
      return inv.lastError ? <Alert type="error" showIcon title={t('invoices.cancelFailedAlert')} description={error} data-testid="invoice-alert" /> : null;
    case 'issuing':
      return <Alert type="info" showIcon icon={<Spin size="small" />} title={t('invoices.issuingAlert')} data-testid="invoice-alert" />;
    case 'cancelled':
      return (
        <Alert
          type="info"
          showIcon
          title={t('invoices.cancelledAlert', { at: formatDateTime(inv.cancelledAt) })}
          description={inv.cancelReason && t('invoices.reason', { reason: inv.cancelReason })}
          data-testid="invoice-alert"
        />
      );
    case 'replaced': {
      const by = inv.replacements.find((r) => r.id === inv.replacedById);
      return (
        <Alert
          type="warning"
          showIcon
          title={
            <>
              {t('invoices.replacedAlert')}{' '}
              {inv.replacedById && (
                <Link to={`/invoices/${inv.replacedById}`} className="mono">
                  {by ? invoiceNo({ form: inv.form, ...by }) : inv.replacedById}
                </Link>
              )}
            </>
          }
          data-testid="invoice-alert"
        />
      );
    }
    default:
      return null;
  }
}

/** The server's printable view in a sandboxed frame (no script, no same-origin access). */
function PreviewCard({ inv }: { inv: InvoiceDetail }) {
  const t = useT();
  // Data that cannot make an invoice has no printable view until it is corrected.
  const html = useInvoiceHtml(inv.id, inv.status === 'needs_data' ? undefined : inv.updatedAt);
  if (inv.status === 'needs_data') {
    return (
      <Card size="small" title={t('invoices.preview')}>
        <Typography.Text type="secondary">{t('invoices.noPreviewNeedsData')}</Typography.Text>
      </Card>
    );
  }
  return (
    <Card
      size="small"
      title={t('invoices.preview')}
      extra={
        <Flex gap={8}>
          <Button size="small" icon={<ExportOutlined />} href={invoiceHtmlUrl(inv.id)} target="_blank" rel="noopener" data-testid="invoice-open-print">
            {t('invoices.openPrint')}
          </Button>
          {inv.number !== null && (
            <Button size="small" icon={<DownloadOutlined />} href={invoiceXmlUrl(inv.id)} download data-testid="invoice-xml">
              {t('invoices.downloadXml')}
            </Button>
          )}
        </Flex>
      }
      styles={{ body: { padding: 0, background: '#f3f6fa' } }}
    >
      <QueryError error={html.error} onRetry={() => html.refetch()} />
      <Spin spinning={html.isFetching && !html.data}>
        <iframe
          title={t('invoices.preview')}
          sandbox=""
          srcDoc={html.data ?? ''}
          style={{ display: 'block', width: '100%', height: 'max(600px, 80vh)', border: 0 }}
          data-testid="invoice-preview"
        />
      </Spin>
    </Card>
  );
}

function InfoCard({ inv }: { inv: InvoiceDetail }) {
  const t = useT();
  const none = t('common.none');
  const b = inv.buyer;
  const items = [
    { key: 'buyer', label: t('invoices.buyer'), children: <strong>{b.name}</strong> },
    ...(b.contactName ? [{ key: 'contact', label: t('invoices.contactName'), children: b.contactName }] : []),
    { key: 'tax', label: t('invoices.taxCode'), children: b.taxCode ? <span className="mono">{b.taxCode}</span> : none },
    { key: 'address', label: t('invoices.buyerAddress'), children: b.address || none },
    { key: 'email', label: t('invoices.buyerEmail'), children: b.email || none },
    ...(b.customerCode ? [{ key: 'code', label: t('invoices.customerCode'), children: b.customerCode }] : []),
    { key: 'total', label: t('invoices.total'), children: <strong><Money value={inv.totalVnd} /></strong> },
    { key: 'method', label: t('invoices.paymentMethod'), children: inv.paymentMethod },
    { key: 'paid', label: t('invoices.paidAt'), children: <DateTime value={inv.paidAt} /> },
    ...(inv.sourcePaymentId ? [{ key: 'payment', label: t('invoices.payment'), children: <span className="mono">{inv.sourcePaymentId}</span> }] : []),
    ...(inv.contractId ? [{ key: 'contract', label: t('invoices.contract'), children: <ContractLink id={inv.contractId} /> }] : []),
    { key: 'created', label: t('invoices.createdAt'), children: <DateTime value={inv.createdAt} /> },
    { key: 'issued', label: t('invoices.issuedAt'), children: <DateTime value={inv.issuedAt} /> },
    ...(inv.taxAuthorityCode ? [{ key: 'mccqt', label: t('invoices.taxAuthorityCode'), children: <span className="mono">{inv.taxAuthorityCode}</span> }] : []),
    ...(inv.providerRef ? [{ key: 'provider', label: t('invoices.providerRef'), children: <span className="mono">{[inv.provider, inv.providerRef].filter(Boolean).join(' · ')}</span> }] : []),
    ...(inv.attempts !== undefined ? [{ key: 'attempts', label: t('invoices.attempts'), children: formatNumber(inv.attempts) }] : []),
  ];
  return (
    <Card size="small" title={t('invoices.info')}>
      <Descriptions size="small" column={1} items={items} />
    </Card>
  );
}

/** The invoice this one replaces (TTHDLQuan) and the replacements of this one. */
function RelatedCard({ inv }: { inv: InvoiceDetail }) {
  const t = useT();
  const r = inv.relation;
  if (!r && inv.replacements.length === 0) return null;
  return (
    <Card size="small" title={t('invoices.related')} data-testid="invoice-related">
      <Flex vertical gap={12}>
        {r && (
          <div>
            <Typography.Text type="secondary">{t('invoices.replaces')}: </Typography.Text>
            {inv.replacesId ? (
              <Link to={`/invoices/${inv.replacesId}`} className="mono" data-testid="invoice-replaces">
                {invoiceNo(r)}
              </Link>
            ) : (
              <span className="mono">{invoiceNo(r)}</span>
            )}{' '}
            <Typography.Text type="secondary">· {formatDate(r.issueDate)}</Typography.Text>
            {r.note && <div>{t('invoices.reason', { reason: r.note })}</div>}
          </div>
        )}
        {inv.replacements.length > 0 && (
          <div>
            <Typography.Text type="secondary">{t('invoices.replacedBy')}:</Typography.Text>
            {inv.replacements.map((x) => (
              <Flex key={x.id} gap={8} align="center" wrap style={{ marginTop: 4 }}>
                <Link to={`/invoices/${x.id}`} className="mono" data-testid={`invoice-replacement-${x.id}`}>
                  {invoiceNo({ form: inv.form, ...x })}
                </Link>
                <Tag color={INVOICE_STATUS_COLORS[x.status]}>{invoiceStatusLabel(t, x.status)}</Tag>
                {x.issuedDate && <Typography.Text type="secondary">{formatDate(x.issuedDate)}</Typography.Text>}
              </Flex>
            ))}
          </div>
        )}
      </Flex>
    </Card>
  );
}

/** HHDVu with the totals per rate, the grand total and the total in words. */
function LinesCard({ inv }: { inv: InvoiceDetail }) {
  const t = useT();
  const none = t('common.none');
  const columns: TableColumnsType<InvoiceLine> = [
    { title: t('invoices.line.no'), dataIndex: 'no', width: 56, align: 'center' },
    {
      title: t('invoices.line.name'),
      key: 'name',
      render: (_, l) => (
        <Flex vertical>
          <span>
            {l.name} {l.kind !== 1 && <Tag>{t(`invoices.lineKind.${l.kind}`)}</Tag>}
          </span>
          {l.code && <Typography.Text type="secondary" className="mono">{l.code}</Typography.Text>}
        </Flex>
      ),
    },
    { title: t('invoices.line.unit'), dataIndex: 'unit', render: (v: string | null) => v ?? none },
    { title: t('invoices.line.quantity'), dataIndex: 'quantity', align: 'right', render: (v: number | null) => formatNumber(v) },
    { title: t('invoices.line.unitPrice'), dataIndex: 'unitPrice', align: 'right', render: (v: string | null) => <Money value={v} /> },
    { title: t('invoices.line.rate'), dataIndex: 'rate', render: (v: InvoiceLine['rate']) => rateLabel(t, v) },
    { title: t('invoices.line.amount'), dataIndex: 'amount', align: 'right', render: (v: string | null) => <Money value={v} /> },
  ];
  const label = (text: string, strong = false) => (
    <Table.Summary.Cell index={0} colSpan={5} align="right">
      {strong ? <strong>{text}</strong> : text}
    </Table.Summary.Cell>
  );
  return (
    <Card size="small" title={t('invoices.lines')}>
      <Table<InvoiceLine>
        rowKey="no"
        size="small"
        columns={columns}
        dataSource={inv.lines}
        pagination={false}
        scroll={{ x: 720 }}
        summary={() => (
          <>
            <Table.Summary.Row>
              {label(t('invoices.subtotal'))}
              <Table.Summary.Cell index={5} />
              <Table.Summary.Cell index={6} align="right">
                <Money value={inv.subtotalVnd} />
              </Table.Summary.Cell>
            </Table.Summary.Row>
            {BigInt(inv.discountVnd) > 0n && (
              <Table.Summary.Row>
                {label(t('invoices.discount'))}
                <Table.Summary.Cell index={5} />
                <Table.Summary.Cell index={6} align="right">
                  <Money value={inv.discountVnd} />
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )}
            {inv.byRate.map((r) => (
              <Table.Summary.Row key={r.rate}>
                {label(t('invoices.vatAmount'))}
                <Table.Summary.Cell index={5}>{rateLabel(t, r.rate)}</Table.Summary.Cell>
                <Table.Summary.Cell index={6} align="right">
                  {r.rate === 'KCT' || r.rate === 'KKKNT' ? none : <Money value={r.vat} />}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            ))}
            <Table.Summary.Row>
              {label(t('invoices.grandTotal'), true)}
              <Table.Summary.Cell index={5} />
              <Table.Summary.Cell index={6} align="right">
                <strong data-testid="invoice-total">
                  <Money value={inv.totalVnd} />
                </strong>
              </Table.Summary.Cell>
            </Table.Summary.Row>
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={7}>
                <Typography.Text type="secondary">{t('invoices.inWords')}: </Typography.Text>
                <em>{inv.totalInWords ?? none}</em>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          </>
        )}
      />
    </Card>
  );
}
