import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, DatePicker, Empty, Row, Space, Statistic, Table, Tag } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { DayReport } from '@contracts/billpay';
import { api } from '../../api/client.ts';
import { useT } from '../../i18n/index.tsx';
import { DATE_FORMAT, isoDate, vnTodayDayjs } from '../../ui/dates.ts';
import { EChart } from '../../ui/EChart.tsx';
import { formatMoney } from '../../ui/format.ts';
import { Money } from '../../ui/Money.tsx';
import { QueryError } from '../../ui/QueryError.tsx';
import { statusLabel } from './billpay.ts';

type Diff = DayReport['differences'][number];

/** E10 on the desk: a day's collection per bank cashier code and clearing per center, balanced or not. */
export function DayReportTab() {
  const t = useT();
  const [day, setDay] = useState<Dayjs>(() => vnTodayDayjs().subtract(1, 'day'));
  const date = isoDate(day);
  const report = useQuery({ queryKey: ['billpay-desk', 'report', date], queryFn: () => api.get<DayReport>(`/api/v1/billpay/reports/${date}`) });
  const r = report.data;
  const chart = useMemo(
    () =>
      r && {
        tooltip: { trigger: 'axis' },
        legend: { top: 0, left: 'center' },
        grid: { left: 100, right: 16, top: 40, bottom: 30 },
        xAxis: { type: 'category', data: [...r.collection.map((c) => c.cashierCode), ...r.clearing.map((c) => `TT${c.center} ${c.kind === 'bill' ? t('billpay.kindBill') : t('billpay.kindTopup')}`)] },
        yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatMoney(v) } },
        series: [
          { name: t('billpayDesk.collected'), type: 'bar', stack: 'a', data: [...r.collection.map((c) => Number(c.amountVnd)), ...r.clearing.map(() => null)] },
          { name: t('billpayDesk.clearedAmount'), type: 'bar', stack: 'a', data: [...r.collection.map(() => null), ...r.clearing.map((c) => Number(c.amountVnd))] },
        ],
      },
    [r, t],
  );
  const base = `/api/v1/billpay/reports/${date}`;
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker value={day} format={DATE_FORMAT} allowClear={false} onChange={(d) => d && setDay(d)} data-testid="billpay-report-date" />
        <Button icon={<DownloadOutlined />} href={`${base}/export?format=xlsx`}>Excel</Button>
        <Button icon={<DownloadOutlined />} href={`${base}/export?format=csv`}>CSV</Button>
        <Button icon={<PrinterOutlined />} href={`${base}/print`} target="_blank">{t('billpayDesk.print')}</Button>
      </Space>
      <QueryError error={report.error} onRetry={() => report.refetch()} />
      {r && (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('billpayDesk.collected')} value={formatMoney(r.totals.collectedVnd)} /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('billpayDesk.refunded')} value={formatMoney(r.totals.refundedVnd)} /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('billpayDesk.clearedAmount')} value={formatMoney(r.totals.clearedVnd)} /></Card></Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title={t('billpayDesk.balance')}
                  valueRender={() => (
                    <Tag color={r.balanced ? 'green' : 'red'} data-testid="billpay-report-balanced" data-balanced={String(r.balanced)}>
                      {r.balanced ? t('billpayDesk.balanced') : t('billpayDesk.unbalanced', { n: r.differences.length })}
                    </Tag>
                  )}
                />
              </Card>
            </Col>
          </Row>
          {chart && (r.collection.length > 0 ? <EChart option={chart} height={240} testId="billpay-report-chart" /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />)}
          {r.differences.length > 0 && (
            <Table<Diff>
              rowKey="orderId"
              size="small"
              pagination={false}
              title={() => t('billpayDesk.differences')}
              dataSource={r.differences}
              columns={[
                { title: t('billpay.order'), dataIndex: 'orderId' },
                { title: t('billpay.msisdn'), dataIndex: 'msisdn' },
                { title: 'TT', dataIndex: 'center' },
                { title: t('billpayDesk.status'), dataIndex: 'status', render: (s: Diff['status']) => statusLabel(t, s) },
                { title: t('billpayDesk.collected'), dataIndex: 'collectedVnd', align: 'right', render: (v: string) => <Money value={v} /> },
                { title: t('billpayDesk.clearedAmount'), dataIndex: 'clearedVnd', align: 'right', render: (v: string) => <Money value={v} /> },
                { title: t('billpayDesk.reason'), dataIndex: 'reason', render: (v: Diff['reason']) => t(`billpayDesk.diff.${v}`) },
              ]}
            />
          )}
        </>
      )}
    </>
  );
}
