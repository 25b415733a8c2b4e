import { Tag, Tooltip } from 'antd';
import type { Stage, TicketStatus } from '@contracts/support';
import { useT } from '../../i18n/index.tsx';
import { LEVEL_COLORS, levelLabel, stageLabel, stageLongLabel, TICKET_STATUS_COLORS, ticketStatusLabel } from './tickets.ts';

export function TicketStatusTag({ status, testId }: { status: TicketStatus; testId?: string }) {
  const t = useT();
  return (
    <Tag color={TICKET_STATUS_COLORS[status] ?? 'default'} data-testid={testId} data-status={status}>
      {ticketStatusLabel(t, status)}
    </Tag>
  );
}

/** "Cấp 3", with the level's definition (F2) on hover. */
export function LevelTag({ level }: { level: number }) {
  const t = useT();
  return (
    <Tooltip title={t.maybe(`levelDesc.${level}`)}>
      <Tag color={LEVEL_COLORS[level] ?? 'default'} data-level={level}>
        {levelLabel(t, level)}
      </Tag>
    </Tooltip>
  );
}

/** Receiver / CTKV / TT CNTT, with the unit's full description on hover. */
export function StageTag({ stage }: { stage: Stage }) {
  const t = useT();
  return (
    <Tooltip title={stageLongLabel(t, stage)}>
      <Tag variant="filled" color={stage === 'ttcntt' ? 'purple' : stage === 'ctkv' ? 'geekblue' : 'cyan'}>
        {stageLabel(t, stage)}
      </Tag>
    </Tooltip>
  );
}
