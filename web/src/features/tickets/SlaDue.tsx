import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';
import { ClockCircleOutlined, PauseCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { useT } from '../../i18n/index.tsx';
import { DateTime } from '../../ui/DateTime.tsx';
import { formatMinutes, slaTone, TONE_HEX, type SlaTone } from './tickets.ts';

const ICONS: Record<SlaTone, ReactNode> = {
  ok: <ClockCircleOutlined />,
  warning: <WarningOutlined />,
  breached: <WarningOutlined />,
  paused: <PauseCircleOutlined />,
  none: null,
};

/** A deadline in colour (green / orange / red) with the time left or over. */
export function SlaDue(props: { dueAt: string | null; targetMin: number | null; now: number; warned?: boolean; paused?: boolean; testId?: string }) {
  const t = useT();
  const tone = slaTone(props);
  if (tone === 'none') return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  const diffMin = (Date.parse(props.dueAt!) - props.now) / 60_000;
  const hint =
    tone === 'paused'
      ? t('clock.paused')
      : diffMin < 0
        ? t('clock.over', { time: formatMinutes(t, -diffMin, true) })
        : t('clock.left', { time: formatMinutes(t, diffMin, true) });
  return (
    <Flex vertical gap={0} className={`sla-due sla-${tone}`} data-testid={props.testId} data-tone={tone}>
      <span style={{ color: TONE_HEX[tone] }}>
        {ICONS[tone]} <DateTime value={props.dueAt} />
      </span>
      <Typography.Text style={{ fontSize: 12, color: TONE_HEX[tone] }}>{hint}</Typography.Text>
    </Flex>
  );
}
