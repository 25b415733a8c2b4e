import { useMemo, useState } from 'react';
import { Button, Card, Empty, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { SyncOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { RECON_KINDS, type Reconciliation } from '@contracts/payments';
import { useT } from '../../i18n/index.tsx';
import { DateTime } from '../../ui/DateTime.tsx';
import { EChart } from '../../ui/EChart.tsx';
import { formatDate } from '../../ui/format.ts';
import { Money } from '../../ui/Money.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryError } from '../../ui/QueryError.tsx';
import { useSession } from '../auth/session.tsx';
import { AREAS } from '../layout/areas.tsx';
import { differences, RECON_KIND_COLORS, reconKindLabel, reconStatusLabel, SUMMARY_FIELD, useReconciliations } from './payments.ts';
import { ReconcileDialog } from './ReconcileDialog.tsx';

export const RECON_STATUS_COLORS: Record<Reconciliation['status'], string> = { running: 'processing', done: 'green', failed: 'red' };

/** `/payments/reconciliation` (D4): the latest days compared with VNPay, as a chart and a table. */
export function ReconciliationPage() {
  const t = useT();
  const navigate = useNavigate();
  const { permissions } = useSession();
  const canRun = permissions.includes('payment.reconcile');
  const [running, setRunning] = useState(false);
  const list = useReconciliations();
  const items = list.data?.items;

  const chart = useMemo(() => {
    const days = [...(items ?? [])].filter((r) => r.summary).sort((a, b) => a.date.localeCompare(b.date));
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: days.map((r) => formatDate(r.date).slice(0, 5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: RECON_KINDS.map((k) => ({
        type: 'bar',
        stack: 'day',
        name: reconKindLabel(t, k),
        barMaxWidth: 40,
        itemStyle: { color: RECON_KIND_COLORS[k].hex },
        data: days.map((r) => r.summary![SUMMARY_FIELD[k]] || null),
      })),
    };
  }, [items, t]);

  const columns: TableColumnsType<Reconciliation> = [
    {
      title: t('recon.date'),
      dataIndex: 'date',
      render: (d: string) => (
        <Link to={`/payments/reconciliation/${d}`} onClick={(e) => e.stopPropagation()}>
          <strong>{formatDate(d)}</strong>
        </Link>
      ),
    },
    {
      title: t('recon.status'),
      dataIndex: 'status',
      render: (s: Reconciliation['status']) => (
        <Tag color={RECON_STATUS_COLORS[s]} icon={s === 'running' ? <SyncOutlined spin /> : undefined}>
          {reconStatusLabel(t, s)}
        </Tag>
      ),
    },
    { title: t('recon.total'), key: 'total', align: 'right', render: (_, r) => r.summary?.total ?? t('common.none') },
    { title: reconKindLabel(t, 'matched'), key: 'matched', align: 'right', render: (_, r) => r.summary?.matched ?? t('common.none') },
    { title: t('recon.matchedVnd'), key: 'matchedVnd', align: 'right', render: (_, r) => (r.summary ? <Money value={r.summary.matchedVnd} /> : t('common.none')) },
    {
      title: t('recon.differences'),
      key: 'diff',
      align: 'right',
      render: (_, r) => {
        if (!r.summary) return t('common.none');
        const n = differences(r.summary);
        return n ? (
          <Tag color="red" style={{ marginInlineEnd: 0 }}>
            {n}
          </Tag>
        ) : (
          <Typography.Text type="success">0</Typography.Text>
        );
      },
    },
    { title: t('recon.finishedAt'), dataIndex: 'finishedAt', responsive: ['md'], render: (v: string | null) => <DateTime value={v} /> },
  ];

  return (
    <>
      <PageHeader
        title={t('recon.title')}
        extra={
          <>
            <Link to={AREAS.payments.path}>
              <Button icon={AREAS.payments.icon}>{t('nav.paymentList')}</Button>
            </Link>
            {canRun && (
              <Button type="primary" icon={<SyncOutlined />} onClick={() => setRunning(true)} data-testid="recon-run">
                {t('recon.runButton')}
              </Button>
            )}
          </>
        }
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t('recon.subtitle')}
      </Typography.Paragraph>
      <QueryError error={list.error} onRetry={() => list.refetch()} />
      <Card size="small" title={t('recon.chart')} style={{ marginBottom: 16 }} loading={list.isPending}>
        {items?.some((r) => r.summary) ? (
          <EChart option={chart} testId="recon-chart" />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('recon.none')} />
        )}
      </Card>
      <Table<Reconciliation>
        rowKey="date"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={list.isFetching && !list.data}
        pagination={false}
        scroll={{ x: 'max-content' }}
        rowClassName={(r) => (differences(r.summary) || r.status === 'failed' ? 'clickable-row row-overdue' : 'clickable-row')}
        onRow={(r) => ({ onClick: () => navigate(`/payments/reconciliation/${r.date}`) })}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('recon.none')} /> }}
        data-testid="recon-table"
      />
      {running && <ReconcileDialog onClose={() => setRunning(false)} />}
    </>
  );
}
