import { useMemo, useState } from 'react';
import { App, Button, Card, Col, Input, Row, Space, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { FileExcelOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { Aging, AgingBucket, CollectionCase, WriteOff } from '@contracts/collection';
import { useT } from '../../i18n/index.tsx';
import { EChart } from '../../ui/EChart.tsx';
import { formatDate, formatMoney } from '../../ui/format.ts';
import { Money } from '../../ui/Money.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryError } from '../../ui/QueryError.tsx';
import { useSubmit } from '../../ui/useSubmit.ts';
import { useSession } from '../auth/session.tsx';
import { CaseDialog, type CaseCommand } from './CaseDialogs.tsx';
import { AGING_EXPORT_URL, useAging, useCases, useCollectionCommand, useWriteOffs } from './collection.ts';

const BUCKETS: AgingBucket[] = ['0-30', '31-60', '61-90', '90+'];
const BUCKET_COLORS: Record<AgingBucket, string> = { '0-30': '#faad14', '31-60': '#fa8c16', '61-90': '#f5222d', '90+': '#820014' };
const CASE_COLORS: Record<CollectionCase['status'], string> = { open: 'processing', paid: 'green', written_off: 'default' };

type AgingRow = Aging['contracts'][number];

/** `/debt`: what is owed past due by age (chart and table), the collection cases, and write-offs awaiting approval. */
export function DebtPage() {
  const t = useT();
  const { permissions } = useSession();
  const aging = useAging();
  const cases = useCases();
  const canApprove = permissions.includes('collection.write_off');
  const writeOffs = useWriteOffs(canApprove);
  const [dialog, setDialog] = useState<{ command: CaseCommand; item: CollectionCase } | null>(null);
  const run = useCollectionCommand<Record<string, never>>(() => '/api/v1/collection/run');
  const runNow = useSubmit(run, (r) => t('debt.runDone', r as { evaluated: number; steps: number }));
  const data = aging.data;

  const chart = useMemo(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => formatMoney(v) },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: BUCKETS.map((b) => t(`debt.bucket.${b}`)) },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatMoney(v).replace(' ₫', '') } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 56,
          data: BUCKETS.map((b) => ({ value: Number(data?.buckets.find((x) => x.bucket === b)?.amountVnd ?? 0), itemStyle: { color: BUCKET_COLORS[b] } })),
        },
      ],
    }),
    [data, t],
  );

  const agingColumns: TableColumnsType<AgingRow> = [
    { title: t('debt.contract'), dataIndex: 'contractNumber', render: (n: string, r) => <Link to={`/contracts/${r.contractId}`}>{n}</Link> },
    { title: t('debt.customer'), dataIndex: 'customerName' },
    { title: t('debt.stage'), dataIndex: 'stage', render: (s: string) => <Tag>{t.maybe(`debt.stage.${s}`) ?? s}</Tag> },
    ...BUCKETS.map(
      (b) => ({ title: t(`debt.bucket.${b}`), key: b, align: 'right' as const, render: (_: unknown, r: AgingRow) => <Money value={r.byBucket[b]} /> })
    ),
    { title: t('debt.total'), dataIndex: 'totalVnd', align: 'right', render: (v: string) => <strong><Money value={v} /></strong> },
  ];

  const caseColumns: TableColumnsType<CollectionCase> = [
    { title: t('debt.contract'), dataIndex: 'contractNumber', render: (n: string, r) => <Link to={`/contracts/${r.contractId}`}>{n}</Link> },
    { title: t('debt.stage'), dataIndex: 'status', render: (s: CollectionCase['status']) => <Tag color={CASE_COLORS[s]}>{t(`debt.caseStatus.${s}`)}</Tag> },
    { title: t('debt.assignee'), dataIndex: 'assigneeUsername', render: (u: string | null) => u ?? t('common.none') },
    { title: t('debt.outstanding'), dataIndex: 'outstandingVnd', align: 'right', render: (v: string) => <Money value={v} /> },
    { title: t('debt.openedAt'), dataIndex: 'openedAt', render: (v: string) => formatDate(v) },
    {
      title: t('debt.promise'),
      key: 'promises',
      render: (_, r) => r.promises.map((p) => `${formatDate(p.promisedDate)}: ${formatMoney(p.amountVnd)}`).join('; ') || t('common.none'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, r) =>
        r.status === 'open' && permissions.includes('collection.work') ? (
          <Space size="small" wrap>
            <Button size="small" onClick={() => setDialog({ command: 'assign', item: r })}>{t('debt.assign')}</Button>
            <Button size="small" onClick={() => setDialog({ command: 'promise', item: r })}>{t('debt.promise')}</Button>
            <Button size="small" danger onClick={() => setDialog({ command: 'writeOff', item: r })}>{t('debt.writeOff')}</Button>
          </Space>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('debt.title')}
        extra={
          <Space wrap>
            {permissions.includes('collection.policy') && (
              <Button icon={<PlayCircleOutlined />} loading={run.isPending} onClick={() => runNow({})} data-testid="debt-run">
                {t('debt.run')}
              </Button>
            )}
            <Button icon={<FileExcelOutlined />} href={AGING_EXPORT_URL} download data-testid="debt-export">
              {t('debt.export')}
            </Button>
          </Space>
        }
      />
      <QueryError error={aging.error} onRetry={() => aging.refetch()} />
      {data && <Typography.Paragraph type="secondary">{t('debt.asOf', { date: formatDate(data.asOf) })}</Typography.Paragraph>}
      <Row gutter={[16, 16]}>
        {BUCKETS.map((b) => {
          const x = data?.buckets.find((y) => y.bucket === b);
          return (
            <Col key={b} xs={12} md={6}>
              <Card size="small">
                <Statistic title={t(`debt.bucket.${b}`)} value={formatMoney(x?.amountVnd ?? '0')} valueStyle={{ color: BUCKET_COLORS[b] }} />
                <Typography.Text type="secondary">{t('debt.bills', { count: x?.bills ?? 0 })}</Typography.Text>
              </Card>
            </Col>
          );
        })}
      </Row>
      <Card style={{ marginTop: 16 }}>
        <EChart option={chart} height={260} testId="aging-chart" />
      </Card>
      <Table<AgingRow>
        style={{ marginTop: 16 }}
        rowKey="contractId"
        size="small"
        loading={aging.isLoading}
        columns={agingColumns}
        dataSource={data?.contracts ?? []}
        locale={{ emptyText: t('debt.none') }}
        scroll={{ x: true }}
        pagination={false}
      />
      <Typography.Title level={4} style={{ marginTop: 24 }}>{t('debt.cases')}</Typography.Title>
      <Table<CollectionCase> rowKey="id" size="small" loading={cases.isLoading} columns={caseColumns} dataSource={cases.data ?? []} scroll={{ x: true }} />
      {canApprove && <WriteOffApprovals items={writeOffs.data ?? []} />}
      {dialog && <CaseDialog command={dialog.command} item={dialog.item} onClose={() => setDialog(null)} />}
    </>
  );
}

/** The accountant's queue of write-offs: approve (not one's own request) or reject with a reason. */
function WriteOffApprovals({ items }: { items: WriteOff[] }) {
  const t = useT();
  const { modal } = App.useApp();
  const approve = useCollectionCommand<{ id: string }>((b) => `/api/v1/collection/write-offs/${encodeURIComponent(b.id)}/approve`, 'post', () => ({}));
  const reject = useCollectionCommand<{ id: string; reason: string }>(
    (b) => `/api/v1/collection/write-offs/${encodeURIComponent(b.id)}/reject`,
    'post',
    (b) => ({ reason: b.reason }),
  );
  const approveNow = useSubmit(approve, t('debt.approved'));
  const rejectNow = useSubmit(reject, t('debt.rejected'));
  const askReason = (id: string) => {
    let reason = '';
    modal.confirm({
      title: t('debt.rejectReason'),
      content: <Input.TextArea rows={2} onChange={(e) => (reason = e.target.value)} />,
      onOk: () => rejectNow({ id, reason }),
    });
  };
  const columns: TableColumnsType<WriteOff> = [
    { title: t('debt.contract'), dataIndex: 'contractNumber', render: (n: string, r) => <Link to={`/contracts/${r.contractId}`}>{n}</Link> },
    { title: t('debt.amount'), dataIndex: 'amountVnd', align: 'right', render: (v: string) => <Money value={v} /> },
    { title: t('debt.reason'), dataIndex: 'reason' },
    { title: t('debt.requestedBy'), dataIndex: 'requestedBy' },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, r) => (
        <Space size="small">
          <Button size="small" type="primary" onClick={() => approveNow({ id: r.id })}>{t('debt.approve')}</Button>
          <Button size="small" danger onClick={() => askReason(r.id)}>{t('debt.reject')}</Button>
        </Space>
      ),
    },
  ];
  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 24 }}>{t('debt.writeOffs')}</Typography.Title>
      <Table<WriteOff> rowKey="id" size="small" columns={columns} dataSource={items} pagination={false} scroll={{ x: true }} />
    </>
  );
}
