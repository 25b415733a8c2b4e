import { useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Col, DatePicker, Empty, Row, Spin, Statistic, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../../api/client.ts';
import { LEVELS, type SupportDashboard } from '@contracts/support';
import { useT, type Translate } from '../../i18n/index.tsx';
import { DATE_FORMAT, isoDate, vnTodayDayjs } from '../../ui/dates.ts';
import { EChart } from '../../ui/EChart.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryError } from '../../ui/QueryError.tsx';
import { levelLabel, requestTypeLabel, stageLabel } from '../tickets/tickets.ts';

const LEVEL_HEX: Record<number, string> = { 1: '#52c41a', 2: '#13c2c2', 3: '#fa8c16', 4: '#f5222d' };
const BLUE = '#0057a8';

const useDashboard = (from: string, to: string) =>
  useQuery({
    queryKey: ['support', 'dashboard', from, to],
    queryFn: () => api.get<SupportDashboard>('/api/v1/support/dashboard', { from, to }),
    placeholderData: keepPreviousData,
    refetchInterval: 5 * 60_000,
  });

const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10;
const ddmm = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}`;
const pct = (n: number, t: Translate) => `${String(n).replace('.', t.lang === 'vi' ? ',' : '.')} %`;

/** Support over a date range: open tickets by level and unit, on-time rate, breaches, handling time per type, tickets per day. */
export function SupportDashboardPage() {
  const t = useT();
  const today = vnTodayDayjs();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([today.subtract(29, 'day'), today]);
  const from = isoDate(range[0]);
  const to = isoDate(range[1]);
  const dash = useDashboard(from, to);
  const d = dash.data;
  const openTotal = d?.openByLevel.reduce((s, x) => s + x.count, 0) ?? 0;

  const charts = useMemo(() => {
    if (!d) return null;
    const tooltip = { trigger: 'axis', axisPointer: { type: 'shadow' } };
    const grid = { left: 8, right: 16, top: 24, bottom: 8, containLabel: true };
    const byUnit = [...d.openByUnit].sort((a, b) => a.count - b.count);
    // Every level on the axis, so the bars keep their places from one range to the next.
    const byLevel = LEVELS.map((level) => ({ level, count: d.openByLevel.find((x) => x.level === level)?.count ?? 0 }));
    const symbols = d.perDay.length <= 31;
    return {
      gauge: {
        series: [
          {
            type: 'gauge',
            min: 0,
            max: 100,
            radius: '95%',
            center: ['50%', '60%'],
            startAngle: 200,
            endAngle: -20,
            progress: { show: true, width: 14, itemStyle: { color: d.compliance.percent >= 90 ? '#52c41a' : d.compliance.percent >= 75 ? '#fa8c16' : '#f5222d' } },
            axisLine: { lineStyle: { width: 14 } },
            axisTick: { show: false },
            splitLine: { show: false },
            axisLabel: { show: false },
            pointer: { show: false },
            anchor: { show: false },
            title: { show: false },
            detail: { valueAnimation: true, offsetCenter: [0, '0%'], fontSize: 28, fontWeight: 600, formatter: (v: number) => pct(v, t) },
            data: [{ value: d.compliance.percent }],
          },
        ],
      },
      byLevel: {
        tooltip,
        grid,
        xAxis: { type: 'category', data: byLevel.map((x) => levelLabel(t, x.level)) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [{ type: 'bar', barMaxWidth: 48, data: byLevel.map((x) => ({ value: x.count, itemStyle: { color: LEVEL_HEX[x.level] } })) }],
      },
      byUnit: {
        tooltip,
        grid,
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', data: byUnit.map((x) => x.unit?.name ?? stageLabel(t, x.stage)), axisLabel: { width: 200, overflow: 'truncate' } },
        series: [{ type: 'bar', barMaxWidth: 28, itemStyle: { color: BLUE }, data: byUnit.map((x) => x.count) }],
      },
      avg: {
        tooltip: { ...tooltip, valueFormatter: (v: number) => `${v} ${t('dashboard.hours')}` },
        grid,
        xAxis: { type: 'category', data: d.avgHandlingMinutesByType.map((x) => requestTypeLabel(t, x.requestType)), axisLabel: { interval: 0, rotate: 20 } },
        yAxis: { type: 'value', name: t('dashboard.hours') },
        series: [{ type: 'bar', barMaxWidth: 48, itemStyle: { color: '#722ed1' }, data: d.avgHandlingMinutesByType.map((x) => hours(x.minutes)) }],
      },
      perDay: {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { ...grid, top: 36 },
        xAxis: { type: 'category', boundaryGap: false, data: d.perDay.map((x) => ddmm(x.date)) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { type: 'line', name: t('dashboard.created'), showSymbol: symbols, itemStyle: { color: BLUE }, areaStyle: { opacity: 0.08 }, data: d.perDay.map((x) => x.created) },
          { type: 'line', name: t('dashboard.resolved'), showSymbol: symbols, itemStyle: { color: '#52c41a' }, data: d.perDay.map((x) => x.resolved) },
        ],
      },
    };
  }, [d, t]);

  const empty = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noData')} />;

  return (
    <>
      <PageHeader
        title={t('dashboard.title')}
        extra={
          <DatePicker.RangePicker
            value={range}
            format={DATE_FORMAT}
            allowClear={false}
            onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
            presets={[7, 30, 90].map((n) => ({ label: t('dashboard.lastDays', { n }), value: [today.subtract(n - 1, 'day'), today] as [Dayjs, Dayjs] }))}
            data-testid="dashboard-range"
          />
        }
      />
      <QueryError error={dash.error} onRetry={() => dash.refetch()} />
      <Spin spinning={dash.isFetching && !!d}>
        {!d || !charts ? (
          dash.isPending ? <Card loading /> : null
        ) : (
          <Row gutter={[16, 16]}>
            <Col xs={24} md={12} xl={6}>
              <Card size="small" title={t('dashboard.compliance')} className="stat-card">
                <EChart option={charts.gauge} height={150} testId="dashboard-compliance" />
                <Typography.Text type="secondary" style={{ display: 'block', textAlign: 'center', marginTop: -12 }}>
                  {t('dashboard.complianceDetail', { met: d.compliance.met, total: d.compliance.total })}
                </Typography.Text>
              </Card>
            </Col>
            <Col xs={12} md={6} xl={6}>
              <Card size="small" className="stat-card">
                <Statistic title={t('dashboard.breaches')} value={d.breaches} styles={{ content: { color: d.breaches ? '#f5222d' : undefined } }} data-testid="dashboard-breaches" />
              </Card>
            </Col>
            <Col xs={12} md={6} xl={6}>
              <Card size="small" className="stat-card">
                <Statistic title={t('dashboard.received')} value={d.compliance.total} />
              </Card>
            </Col>
            <Col xs={24} md={12} xl={6}>
              <Card size="small" className="stat-card">
                <Statistic title={t('dashboard.open')} value={openTotal} styles={{ content: { color: BLUE } }} />
              </Card>
            </Col>
            <Col xs={24} lg={10}>
              <Card size="small" title={t('dashboard.openByLevel')}>
                <EChart option={charts.byLevel} testId="dashboard-by-level" />
              </Card>
            </Col>
            <Col xs={24} lg={14}>
              <Card size="small" title={t('dashboard.openByUnit')}>
                {d.openByUnit.length ? <EChart option={charts.byUnit} testId="dashboard-by-unit" /> : empty}
              </Card>
            </Col>
            <Col xs={24} lg={10}>
              <Card size="small" title={t('dashboard.avgHandling')}>
                {d.avgHandlingMinutesByType.length ? <EChart option={charts.avg} testId="dashboard-avg" /> : empty}
              </Card>
            </Col>
            <Col xs={24} lg={14}>
              <Card size="small" title={t('dashboard.perDay')}>
                <EChart option={charts.perDay} testId="dashboard-per-day" />
              </Card>
            </Col>
          </Row>
        )}
      </Spin>
    </>
  );
}
