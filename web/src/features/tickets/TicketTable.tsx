import { useState } from 'react';
import { Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router';
import type { TicketSummary } from '@contracts/support';
import { useT } from '../../i18n/index.tsx';
import { DateTime } from '../../ui/DateTime.tsx';
import { PagedTable } from '../../ui/PagedTable.tsx';
import { FIRST_PAGE } from '../../ui/paging.ts';
import { useNow } from '../../ui/useNow.ts';
import { useSession } from '../auth/session.tsx';
import { SlaDue } from './SlaDue.tsx';
import { LevelTag, StageTag, TicketStatusTag } from './TicketTags.tsx';
import { formatMinutes, isOpen, policyOf, requestTypeLabel, useSlaPolicies, useTickets, type TicketFilter } from './tickets.ts';

/** A server-paged queue; a row opens the ticket. Give it a `key` per filter so a new filter starts on page 1. */
export function TicketTable({ filter, testId }: { filter: TicketFilter; testId?: string }) {
  const t = useT();
  const navigate = useNavigate();
  const now = useNow();
  const { permissions } = useSession();
  const [paging, setPaging] = useState(FIRST_PAGE);
  const tickets = useTickets(filter, paging);
  const policies = useSlaPolicies(permissions.includes('ticket.read'));
  const stageTarget = (r: TicketSummary) => {
    const p = policyOf(policies.data?.items, r.requestType);
    return r.assigneeStage === 'ttcntt' ? p.stageMin.ttcntt : p.stageMin.ctkv;
  };

  const columns: TableColumnsType<TicketSummary> = [
    {
      title: t('ticket.number'),
      dataIndex: 'number',
      fixed: 'left',
      render: (v: string, r) => (
        <Link to={`/tickets/${r.id}`} onClick={(e) => e.stopPropagation()}>
          <strong>{v}</strong>
        </Link>
      ),
    },
    {
      title: t('ticket.subject'),
      dataIndex: 'subject',
      render: (v: string, r) => (
        <div className="ticket-subject">
          <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 220, display: 'block' }}>
            {v}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {requestTypeLabel(t, r.requestType)}
          </Typography.Text>
          {r.reopenCount > 0 && (
            <Tag color="volcano" variant="filled" style={{ marginInlineStart: 6, fontSize: 11 }}>
              {t('ticket.reopened', { n: r.reopenCount })}
            </Tag>
          )}
        </div>
      ),
    },
    {
      title: t('ticket.customer'),
      key: 'customer',
      render: (_, r) => (
        <>
          {r.customer ? (
            <Typography.Text ellipsis={{ tooltip: r.customer.name }} style={{ maxWidth: 170, display: 'block' }}>
              {r.customer.name}
            </Typography.Text>
          ) : (
            <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
          )}
          {r.customerPhone && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {r.customerPhone}
            </Typography.Text>
          )}
        </>
      ),
    },
    { title: t('ticket.level'), dataIndex: 'level', render: (v: number) => <LevelTag level={v} /> },
    {
      title: t('ticket.stage'),
      key: 'stage',
      render: (_, r) => (
        <>
          <StageTag stage={r.assigneeStage} />
          {r.assigneeUnit && (
            <Typography.Text type="secondary" ellipsis={{ tooltip: r.assigneeUnit.name }} style={{ display: 'block', fontSize: 12, maxWidth: 140 }}>
              {r.assigneeUnit.name}
            </Typography.Text>
          )}
        </>
      ),
    },
    { title: t('ticket.status'), dataIndex: 'status', render: (s: TicketSummary['status']) => <TicketStatusTag status={s} /> },
    {
      title: t('ticket.stageDue'),
      key: 'stageDue',
      render: (_, r) =>
        isOpen(r.status) ? (
          <SlaDue dueAt={r.stageDueAt} targetMin={stageTarget(r)} now={now} warned={r.warned} paused={r.status === 'waiting_customer'} />
        ) : (
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        ),
    },
    {
      title: t('ticket.totalDue'),
      key: 'totalDue',
      render: (_, r) =>
        isOpen(r.status) ? (
          <SlaDue dueAt={r.dueAt} targetMin={policyOf(policies.data?.items, r.requestType).totalMin} now={now} paused={r.status === 'waiting_customer'} />
        ) : (
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        ),
    },
    {
      title: t('ticket.age'),
      dataIndex: 'createdAt',
      render: (v: string, r) => (
        <Tooltip title={<>{t('ticket.createdAt')}: <DateTime value={v} /></>}>
          {isOpen(r.status) ? formatMinutes(t, (now - Date.parse(v)) / 60_000, true) : <DateTime value={v} dateOnly />}
        </Tooltip>
      ),
    },
  ];

  return (
    <PagedTable<TicketSummary>
      query={tickets}
      paging={paging}
      onPaging={setPaging}
      size="small"
      columns={columns}
      rowClassName={(r) => `clickable-row${isOpen(r.status) && r.breached ? ' row-overdue' : ''}`}
      onRow={(r) => ({ onClick: () => navigate(`/tickets/${r.id}`), ...{ 'data-testid': `ticket-row-${r.number}` } })}
      locale={{ emptyText: t('tickets.empty') }}
      data-testid={testId}
    />
  );
}
