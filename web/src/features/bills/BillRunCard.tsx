import { useState } from 'react';
import { App, Button, Card, Flex, Input, List, Progress, Tag, Typography } from 'antd';
import { CalculatorOutlined } from '@ant-design/icons';
import { useT } from '../../i18n/index.tsx';
import { DateTime } from '../../ui/DateTime.tsx';
import { vnToday } from '../../ui/format.ts';
import { monthLabel, useRuns, useStartRun } from './bills.ts';

const RUN_COLORS = { running: 'processing', done: 'green', failed: 'red' } as const;

/** Last month, the one a run normally bills. */
function lastMonth(): string {
  const { year, month } = vnToday();
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/** The accountant's bill run: pick a past month, start it, watch its progress. */
export function BillRunCard() {
  const t = useT();
  const { message } = App.useApp();
  const [period, setPeriod] = useState(lastMonth);
  const runs = useRuns();
  const start = useStartRun();
  const submit = () =>
    start.mutate(period, {
      onSuccess: (r) => void message.success(t('bills.runStarted', { period: monthLabel(r.period) })),
      onError: (e) => void message.error(e.message),
    });
  return (
    <Card size="small" title={t('bills.run')} data-testid="bill-run-card">
      <Flex gap={8} wrap align="center">
        <Input
          style={{ width: 140 }}
          value={period}
          onChange={(e) => setPeriod(e.target.value.trim())}
          placeholder={t('bills.runPeriod')}
          aria-label={t('bills.runPeriod')}
          data-testid="bill-run-period"
        />
        <Button type="primary" icon={<CalculatorOutlined />} loading={start.isPending} onClick={submit} data-testid="bill-run-start">
          {t('bills.runStart')}
        </Button>
      </Flex>
      {!!runs.data?.items.length && (
        <List
          size="small"
          header={<Typography.Text type="secondary">{t('bills.runs')}</Typography.Text>}
          dataSource={runs.data.items.slice(0, 5)}
          renderItem={(r) => (
            <List.Item key={r.id}>
              <Flex vertical style={{ width: '100%' }} gap={2}>
                <Flex gap={8} align="center" wrap>
                  <strong>{monthLabel(r.period)}</strong>
                  <Tag color={RUN_COLORS[r.status]}>{t(`runStatus.${r.status}`)}</Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.startedBy} · <DateTime value={r.startedAt} />
                  </Typography.Text>
                </Flex>
                <Progress
                  percent={r.contractsTotal ? Math.floor((100 * r.contractsDone) / r.contractsTotal) : 100}
                  size="small"
                  status={r.status === 'failed' ? 'exception' : undefined}
                />
                <Typography.Text style={{ fontSize: 12 }}>
                  {t('bills.runProgress', { done: r.contractsDone, total: r.contractsTotal, bills: r.billsCreated })}
                  {r.error && <Typography.Text type="danger"> · {r.error}</Typography.Text>}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
