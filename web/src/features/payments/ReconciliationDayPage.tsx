import { useState } from 'react';
import { Alert, Button, Card, Col, Empty, Flex, Result, Row, Skeleton, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { ArrowLeftOutlined, FileExcelOutlined, FileTextOutlined, SyncOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { RECON_KINDS, type ReconItem, type ReconKind } from '@contracts/payments';
import { useT } from '../../i18n/index.tsx';
import { DateTime } from '../../ui/DateTime.tsx';
import { formatDate, formatMoney } from '../../ui/format.ts';
import { Money } from '../../ui/Money.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryError } from '../../ui/QueryError.tsx';
import { useSession } from '../auth/session.tsx';
import { AREAS } from '../layout/areas.tsx';
import { differences, RECON_KIND_COLORS, reconciliationPath, reconKindLabel, reconStatusLabel, sumVnd, SUMMARY_FIELD, useReconciliation } from './payments.ts';
import { ReconcileDialog } from './ReconcileDialog.tsx';
import { RECON_STATUS_COLORS } from './ReconciliationPage.tsx';
import { useCrumb } from '../layout/Breadcrumbs.tsx';

/** `/payments/reconciliation/:date`: one day's comparison, line by line, with totals and exports. */
export function ReconciliationDayPage() {
  const t = useT();
  const { date = '' } = useParams();
  const { permissions } = useSession();
  const canRun = permissions.includes('payment.reconcile');
  const [running, setRunning] = useState(false);
  const recon = useReconciliation(date);
  const r = recon.data;
  useCrumb(formatDate(date));
  const items = r?.items ?? [];

  const back = (
    <Link to={AREAS.reconciliation.path}>
      <ArrowLeftOutlined /> {t('recon.title')}
    </Link>
  );
  if (recon.error instanceof ApiError && (recon.error.status === 404 || recon.error.status === 400)) {
    return (
      <Result
        status="404"
        title={t('recon.notFound', { date: formatDate(date) })}
        extra={
          <Flex gap={12} justify="center" align="center">
            {back}
            {canRun && (
              <Button type="primary" icon={<SyncOutlined />} onClick={() => setRunning(true)} data-testid="recon-run">
                {t('recon.run')}
              </Button>
            )}
            {running && <ReconcileDialog date={date} onClose={() => setRunning(false)} />}
          </Flex>
        }
      />
    );
  }

  const columns: TableColumnsType<ReconItem> = [
    { title: t('payReturn.txnRef'), dataIndex: 'txnRef', render: (v: string) => <span className="mono">{v}</span> },
    {
      title: t('recon.contract'),
      key: 'contract',
      render: (_, i) =>
        i.contractId ? (
          <Flex vertical>
            <Link to={`/contracts/${i.contractId}`}>{i.contractNumber}</Link>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {i.customerName}
            </Typography.Text>
          </Flex>
        ) : (
          t('common.none')
        ),
    },
    {
      title: t('recon.kind'),
      dataIndex: 'kind',
      filters: RECON_KINDS.map((k) => ({ value: k, text: reconKindLabel(t, k) })),
      onFilter: (v, i) => i.kind === v,
      render: (k: ReconKind) => <Tag color={RECON_KIND_COLORS[k].tag}>{reconKindLabel(t, k)}</Tag>,
    },
    { title: t('recon.vnpayAmount'), dataIndex: 'vnpayAmountVnd', align: 'right', render: (v: string | null) => <Money value={v} /> },
    { title: t('recon.ourAmount'), dataIndex: 'ourAmountVnd', align: 'right', render: (v: string | null) => <Money value={v} /> },
    { title: t('payments.transactionNo'), dataIndex: 'transactionNo', render: (v: string | null) => v || t('common.none') },
    { title: t('recon.resolution'), dataIndex: 'resolution', render: (v: string | null | undefined) => (v ? t.maybe(`reconResolution.${v}`) ?? v : t('common.none')) },
  ];

  const diff = differences(r?.summary);
  return (
    <>
      <div style={{ marginBottom: 8 }}>{back}</div>
      <QueryError error={recon.error} onRetry={() => recon.refetch()} />
      <PageHeader
        title={
          <Flex gap={12} align="center" wrap>
            <span>{t('recon.dayTitle', { date: formatDate(date) })}</span>
            {r && (
              <Tag color={RECON_STATUS_COLORS[r.status]} icon={r.status === 'running' ? <SyncOutlined spin /> : undefined} data-testid="recon-status">
                {reconStatusLabel(t, r.status)}
              </Tag>
            )}
          </Flex>
        }
        extra={
          <>
            <Button icon={<FileTextOutlined />} href={`${reconciliationPath(date)}?format=csv`} download data-testid="recon-export-csv">
              CSV
            </Button>
            <Button icon={<FileExcelOutlined />} href={`${reconciliationPath(date)}?format=xlsx`} download data-testid="recon-export-xlsx">
              Excel
            </Button>
            {canRun && (
              <Button icon={<SyncOutlined />} onClick={() => setRunning(true)} disabled={r?.status === 'running'} data-testid="recon-run">
                {t('recon.rerun')}
              </Button>
            )}
          </>
        }
      />
      {!r ? (
        <Skeleton active />
      ) : (
        <Flex vertical gap={16}>
          {r.status === 'failed' && <Alert type="error" showIcon title={t('recon.failed')} description={r.error} />}
          {r.summary && (
            <Row gutter={[16, 16]}>
              <Col xs={12} md={6}>
                <Card size="small" className="stat-card">
                  <Statistic title={t('recon.total')} value={r.summary.total} data-testid="recon-total" />
                </Card>
              </Col>
              <Col xs={12} md={6}>
                <Card size="small" className="stat-card">
                  <Statistic title={reconKindLabel(t, 'matched')} value={r.summary.matched} styles={{ content: { color: RECON_KIND_COLORS.matched.hex } }} />
                  <Typography.Text type="secondary">{formatMoney(r.summary.matchedVnd)}</Typography.Text>
                </Card>
              </Col>
              <Col xs={24} md={12}>
                <Card size="small" className="stat-card">
                  <Statistic
                    title={t('recon.differences')}
                    value={diff}
                    styles={{ content: { color: diff ? '#f5222d' : RECON_KIND_COLORS.matched.hex } }}
                    data-testid="recon-differences"
                  />
                  <Flex gap={4} wrap>
                    {RECON_KINDS.filter((k) => k !== 'matched').map((k) => (
                      <Tag key={k} color={r.summary![SUMMARY_FIELD[k]] ? RECON_KIND_COLORS[k].tag : 'default'}>
                        {reconKindLabel(t, k)}: {r.summary![SUMMARY_FIELD[k]]}
                      </Tag>
                    ))}
                  </Flex>
                </Card>
              </Col>
            </Row>
          )}
          <Card
            size="small"
            title={t('recon.items')}
            extra={
              r.finishedAt && (
                <Typography.Text type="secondary">
                  {t('recon.finishedAt')}: <DateTime value={r.finishedAt} />
                </Typography.Text>
              )
            }
          >
            <Table<ReconItem>
              rowKey="txnRef"
              size="small"
              columns={columns}
              dataSource={items}
              pagination={items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              scroll={{ x: 'max-content' }}
              rowClassName={(i) => `recon-row-${i.kind}`}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('recon.noItems')} /> }}
              summary={(rows) =>
                rows.length > 0 && (
                  <Table.Summary.Row className="recon-summary">
                    <Table.Summary.Cell index={0} colSpan={2}>
                      <strong>{t('recon.sum', { n: rows.length })}</strong>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={2} align="right">
                      <strong data-testid="recon-sum-vnpay"><Money value={sumVnd(rows.map((i) => i.vnpayAmountVnd))} /></strong>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={3} align="right">
                      <strong data-testid="recon-sum-ours"><Money value={sumVnd(rows.map((i) => i.ourAmountVnd))} /></strong>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={4} colSpan={2} />
                  </Table.Summary.Row>
                )
              }
              data-testid="recon-items"
            />
          </Card>
        </Flex>
      )}
      {running && <ReconcileDialog date={date} onClose={() => setRunning(false)} />}
    </>
  );
}
