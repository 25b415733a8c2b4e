import { useMemo, useState } from 'react';
import { Card, Empty, Flex, Select, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import type { EChartsCoreOption } from 'echarts/core';
import { useT } from '../../i18n/index.tsx';
import { EChart } from '../../ui/EChart.tsx';
import { formatMoney, vnToday } from '../../ui/format.ts';
import { monthLabel, useContractUsage } from './bills.ts';

/** This month and the five before it, newest first. */
function recentMonths(): string[] {
  const { year, month } = vnToday();
  return Array.from({ length: 6 }, (_, i) => {
    const m = year * 12 + (month - 1) - i;
    return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  });
}

/** A postpaid contract's usage per day with the bill it would make so far (customer and staff). */
export function UsageCard({ contractId }: { contractId: string }) {
  const t = useT();
  const months = useMemo(recentMonths, []);
  const [period, setPeriod] = useState(months[0]);
  const usage = useContractUsage(contractId, period);
  const u = usage.data;
  const option = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 16, top: 16, bottom: 32 },
      xAxis: { type: 'category', data: (u?.daily ?? []).map((d) => d.date.slice(8, 10)) },
      yAxis: { type: 'value' },
      series: [{ type: 'bar', name: t('usage.quantity'), data: (u?.daily ?? []).map((d) => d.quantity), itemStyle: { color: '#0057a8' } }],
    }),
    [u, t],
  );
  const total = Object.values(u?.metrics ?? {}).reduce((n, m) => n + m.quantity, 0);
  return (
    <Card
      size="small"
      title={t('usage.title')}
      extra={
        <Flex gap={12} align="center">
          <Link to={`/bills?contractId=${encodeURIComponent(contractId)}`} data-testid="usage-bills">
            {t('usage.bills')}
          </Link>
          <Select
            size="small"
            value={period}
            onChange={setPeriod}
            options={months.map((m) => ({ value: m, label: monthLabel(m) }))}
            aria-label={t('usage.period')}
            data-testid="usage-period"
          />
        </Flex>
      }
      data-testid="usage-card"
    >
      <Flex gap={32} wrap>
        <Statistic title={t('usage.quantity')} value={total} groupSeparator="." />
        <Statistic title={t('usage.projected')} value={formatMoney(u?.projected.totalVnd ?? '0')} />
      </Flex>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>
        {t('usage.projectedHint')}
      </Typography.Paragraph>
      {u && u.daily.length === 0 ? <Empty description={t('usage.none')} /> : <EChart option={option} height={220} testId="usage-chart" />}
    </Card>
  );
}
