import { Flex, Progress, Tag, Typography } from 'antd';
import type { TicketClock, TicketClockSet } from '@contracts/support';
import { useT } from '../../i18n/index.tsx';
import { DateTime } from '../../ui/DateTime.tsx';
import { SlaDue } from './SlaDue.tsx';
import { formatMinutes, slaTone, stageLabel, stageLongLabel, TONE_HEX, type SlaTone } from './tickets.ts';

const STATE_COLORS: Record<TicketClock['state'], string> = { pending: 'default', running: 'processing', paused: 'gold', met: 'green', breached: 'red' };

function toneOf(c: TicketClock, now: number): SlaTone {
  if (c.state === 'breached' || (c.targetMin !== null && c.consumedMin > c.targetMin)) return 'breached';
  if (c.state === 'met') return 'ok';
  return slaTone({ dueAt: c.dueAt, targetMin: c.targetMin, now, paused: c.state === 'paused' });
}

/** TOTAL and each stage's clock of one cycle: state, limit, time used (bar) and deadline. */
export function TicketClocks({ set, now, testId }: { set: TicketClockSet; now: number; testId?: string }) {
  const t = useT();
  return (
    <Flex vertical gap={14} data-testid={testId}>
      {set.items.map((c) => {
        const tone = toneOf(c, now);
        const counting = c.state === 'running' || c.state === 'paused';
        const percent = c.targetMin ? Math.min(100, Math.round((c.consumedMin / c.targetMin) * 100)) : 0;
        return (
          <div key={c.stage} className={`clock clock-${c.stage}`} data-testid={`clock-${c.stage}`} data-state={c.state} data-tone={tone}>
            <Flex justify="space-between" align="center" gap={8}>
              <span title={c.stage === 'total' ? undefined : stageLongLabel(t, c.stage)}>
                {c.stage === 'total' ? <strong>{stageLabel(t, 'total')}</strong> : stageLabel(t, c.stage)}
                <Typography.Text type="secondary">
                  {' · '}
                  {c.targetMin === null ? t('clock.unlimited') : formatMinutes(t, c.targetMin)}
                </Typography.Text>
              </span>
              <Tag color={STATE_COLORS[c.state]} style={{ marginInlineEnd: 0 }}>
                {t(`clockState.${c.state}`)}
              </Tag>
            </Flex>
            {c.state !== 'pending' && (
              <>
                {c.targetMin !== null && <Progress percent={percent} size="small" showInfo={false} strokeColor={TONE_HEX[tone]} style={{ margin: '2px 0' }} />}
                <Flex justify="space-between" align="flex-start" gap={8} wrap>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('clock.consumed')}: {formatMinutes(t, c.consumedMin)}
                  </Typography.Text>
                  {counting ? (
                    <SlaDue dueAt={c.dueAt} targetMin={c.targetMin} now={now} paused={c.state === 'paused'} testId={`clock-due-${c.stage}`} />
                  ) : (
                    c.dueAt && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('clock.due')}: <DateTime value={c.dueAt} />
                      </Typography.Text>
                    )
                  )}
                </Flex>
              </>
            )}
          </div>
        );
      })}
    </Flex>
  );
}
