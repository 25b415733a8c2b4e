import { useEffect, useMemo, useState } from 'react';
import { Button, Card, Col, Empty, Flex, Row, Select, Statistic, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { RequestLogRow } from '@contracts/ekyc';
import { useT } from '../../i18n/index.tsx';
import type { EChartsCoreOption } from 'echarts/core';
import { DateTime } from '../../ui/DateTime.tsx';
import { EChart } from '../../ui/EChart.tsx';
import { formatMoney, formatNumber } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { PagedTable } from '../../ui/PagedTable.tsx';
import { FIRST_PAGE, type PageState } from '../../ui/paging.ts';
import { QueryError } from '../../ui/QueryError.tsx';
import { exportUrl, OUTCOME_COLORS, outcomeLabel, useDashboard, useEkycContracts, useRequestLog } from './ekyc.ts';
import { TestVerification } from './TestVerification.tsx';

/** `/ekyc`: the customer's eKYC console — this month's figures against the price tiers, the request log, a test page. */
export function EkycPage() {
  const t = useT();
  const contracts = useEkycContracts();
  const items = contracts.data?.items ?? [];
  const [contractId, setContractId] = useState<string>();
  useEffect(() => {
    if (!contractId && items.length) setContractId(items[0].id);
  }, [contractId, items]);

  return (
    <>
      <PageHeader
        title={t('ekyc.title')}
        extra={
          items.length > 0 && (
            <Select
              value={contractId}
              onChange={setContractId}
              style={{ minWidth: 220 }}
              aria-label={t('ekyc.contract')}
              options={items.map((c) => ({ value: c.id, label: c.number }))}
              data-testid="ekyc-contract"
            />
          )
        }
      />
      <QueryError error={contracts.error} onRetry={() => contracts.refetch()} />
      {contracts.isSuccess && items.length === 0 && <Empty description={t('ekyc.noContract')} />}
      {contractId && (
        <Tabs
          items={[
            { key: 'dashboard', label: t('ekyc.tab.dashboard'), children: <EkycDashboard contractId={contractId} /> },
            { key: 'log', label: t('ekyc.tab.log'), children: <RequestLog contractId={contractId} /> },
            { key: 'test', label: t('ekyc.tab.test'), children: <TestVerification contractId={contractId} /> },
          ]}
        />
      )}
    </>
  );
}

/** A month of one eKYC contract (the console's first tab; also on the contract page for staff and customer). */
export function EkycDashboard({ contractId }: { contractId: string }) {
  const t = useT();
  const q = useDashboard(contractId);
  const d = q.data;
  const daily = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 48, right: 16, top: 16, bottom: 48 },
      xAxis: { type: 'category', data: (d?.daily ?? []).map((x) => x.date.slice(8, 10)) },
      yAxis: { type: 'value' },
      series: [
        { type: 'bar', stack: 'n', name: t('ekyc.passed'), data: (d?.daily ?? []).map((x) => x.pass), itemStyle: { color: '#389e0d' } },
        { type: 'bar', stack: 'n', name: t('ekyc.failed'), data: (d?.daily ?? []).map((x) => x.fail), itemStyle: { color: '#cf1322' } },
      ],
    }),
    [d, t],
  );
  if (!d) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  const passed = (d.byOutcome.pass ?? 0) + (d.byOutcome.approved ?? 0);
  return (
    <Flex vertical gap={16} data-testid="ekyc-dashboard">
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('ekyc.requests')} value={formatNumber(d.requests)} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('ekyc.passed')} value={formatNumber(passed)} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('ekyc.volume')} value={formatNumber(d.volume)} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('ekyc.projected')} value={formatMoney(d.projected.totalVnd)} /></Card></Col>
      </Row>
      {d.daily.length > 0 && <Card size="small"><EChart option={daily} height={220} testId="ekyc-daily" /></Card>}
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12}>
          <Card size="small" title={t('ekyc.tiers')}>
            <Table
              size="small"
              pagination={false}
              rowKey="from"
              dataSource={d.tiers}
              rowClassName={(x) => (x.reached ? 'ant-table-row-selected' : '')}
              columns={[
                {
                  key: 'range',
                  render: (_, x) =>
                    x.upTo === null ? t('ekyc.tierAbove', { from: formatNumber(x.from - 1) }) : t('ekyc.tierRange', { from: formatNumber(x.from), upTo: formatNumber(x.upTo) }),
                },
                { key: 'price', align: 'right', render: (_, x) => formatMoney(x.unitPriceVnd) },
                { key: 'reached', render: (_, x) => x.reached && <Tag color="blue">{t('ekyc.tierReached')}</Tag> },
              ]}
              showHeader={false}
            />
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small" title={t('ekyc.reasons')}>
            {d.reasons.length === 0 ? (
              <Empty description={t('ekyc.noReasons')} />
            ) : (
              <Table size="small" pagination={false} showHeader={false} rowKey="code" dataSource={d.reasons}
                columns={[{ dataIndex: 'code', render: (v: string) => <span className="mono">{v}</span> }, { dataIndex: 'count', align: 'right' }]} />
            )}
          </Card>
        </Col>
      </Row>
      <Typography.Text type="secondary">{t('ekyc.retention', { days: d.retentionDays })}</Typography.Text>
    </Flex>
  );
}

function RequestLog({ contractId }: { contractId: string }) {
  const t = useT();
  const [paging, setPaging] = useState<PageState>(FIRST_PAGE);
  const log = useRequestLog(contractId, paging);
  const columns: TableColumnsType<RequestLogRow> = [
    { title: t('ekyc.log.at'), dataIndex: 'createdAt', render: (v: string) => <DateTime value={v} /> },
    { title: t('ekyc.log.requestId'), dataIndex: 'requestId', render: (v: string) => <span className="mono">{v}</span> },
    { title: t('ekyc.log.kind'), dataIndex: 'kind', render: (v: string) => t.maybe(`ekyc.kind.${v}`) ?? v },
    { title: t('ekyc.log.outcome'), dataIndex: 'outcome', render: (v: string) => <Tag color={OUTCOME_COLORS[v]}>{outcomeLabel(t, v)}</Tag> },
    { title: t('ekyc.log.reasons'), dataIndex: 'reasons', responsive: ['md'], render: (v: string[]) => <span className="mono" style={{ fontSize: 12 }}>{v.join(', ')}</span> },
    { title: t('ekyc.log.duration'), dataIndex: 'durationMs', align: 'right', responsive: ['lg'], render: (v: number) => `${formatNumber(v)} ms` },
    { key: 'erased', render: (_, r) => r.erasedAt && <Tag>{t('ekyc.log.erased')}</Tag> },
  ];
  return (
    <Flex vertical gap={12}>
      <Flex justify="end">
        <Button icon={<DownloadOutlined />} href={exportUrl(contractId)} data-testid="ekyc-export">{t('ekyc.log.export')}</Button>
      </Flex>
      <PagedTable<RequestLogRow> query={log} paging={paging} onPaging={setPaging} columns={columns} data-testid="ekyc-log" />
    </Flex>
  );
}
