import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Empty, Flex, Popover, Typography } from 'antd';
import { AlertOutlined, AuditOutlined, BellOutlined, ClockCircleOutlined, DollarOutlined, WarningOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import type { Feed, FeedEntry } from '@contracts/feed';
import { api } from '../../api/client.ts';
import { useT, type MessageKey, type Translate } from '../../i18n/index.tsx';
import { formatDateTime, formatMoney } from '../../ui/format.ts';
import './bell.css';

const FEED = ['notifications', 'feed'] as const;
/** The bell asks again every minute (and after each mark). */
const REFRESH_MS = 60_000;

const ICONS: Record<FeedEntry['kind'], React.ReactNode> = {
  approval: <AuditOutlined />,
  task_due: <ClockCircleOutlined />,
  sla_warning: <WarningOutlined />,
  sla_breach: <AlertOutlined />,
  payment_received: <DollarOutlined />,
};

/** What the item is, in words: its kind, then its contract or ticket, customer or subject, amount and time. */
export function describeItem(t: Translate, i: FeedEntry): { title: string; detail: string; when: string } {
  const kind: MessageKey = i.kind === 'task_due' && i.overdue ? 'bell.kind.task_overdue' : (`bell.kind.${i.kind}` as MessageKey);
  const task = i.taskKind && i.kind === 'task_due' ? t(`taskKind.${i.taskKind}` as MessageKey) : null;
  const detail = [i.ref, i.subject, i.amountVnd !== null ? formatMoney(i.amountVnd) : null].filter(Boolean).join(' · ');
  const when =
    i.kind === 'payment_received'
      ? t('bell.paidAt', { at: formatDateTime(i.at) })
      : i.dueAt
        ? t(i.overdue ? 'bell.overdue' : 'bell.due', { at: formatDateTime(i.dueAt) })
        : '';
  return { title: task ? `${t(kind)}: ${task}` : t(kind), detail, when };
}

/** The header's bell: what needs the user, the unread count on it, each item a link, marked read when opened. */
export function NotificationBell() {
  const t = useT();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const feed = useQuery({ queryKey: FEED, queryFn: () => api.get<Feed>('/api/v1/notifications/feed'), refetchInterval: REFRESH_MS });
  const mark = useMutation({
    mutationFn: (body: { keys: string[] } | { all: true }) => api.post<{ marked: number; unread: number }>('/api/v1/notifications/feed/read', body),
    // An item handled meanwhile is refused (FEED_ITEM_GONE): the fresh feed is the answer either way.
    onSettled: () => client.invalidateQueries({ queryKey: FEED }),
  });
  const items = feed.data?.items ?? [];
  const unread = feed.data?.unread ?? 0;

  const go = (i: FeedEntry) => {
    if (!i.read) mark.mutate({ keys: [i.key] });
    setOpen(false);
    navigate(i.link);
  };

  const list = items.length ? (
    <ul className="bell-list" data-testid="bell-list">
      {items.map((i) => {
        const d = describeItem(t, i);
        return (
          <li key={i.key} className={i.read ? 'bell-item' : 'bell-item bell-unread'} data-testid={`bell-item-${i.key}`} data-read={i.read}>
            <button type="button" className="bell-link" onClick={() => go(i)} data-testid={`bell-open-${i.key}`}>
              <span className={`bell-icon bell-${i.kind}`} aria-hidden>
                {ICONS[i.kind]}
              </span>
              <span className="bell-text">
                <strong>{d.title}</strong>
                <span>{d.detail}</span>
                {d.when && <Typography.Text type="secondary">{d.when}</Typography.Text>}
              </span>
            </button>
            {!i.read && (
              <Button size="small" type="text" onClick={() => mark.mutate({ keys: [i.key] })} aria-label={`${t('bell.markRead')}: ${d.title} ${i.ref}`} data-testid={`bell-read-${i.key}`}>
                ✓
              </Button>
            )}
          </li>
        );
      })}
    </ul>
  ) : (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('bell.empty')} />
  );

  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title={
        <Flex justify="space-between" align="center" gap={12}>
          <span>{t('bell.title')}</span>
          <Button size="small" type="link" disabled={unread === 0} loading={mark.isPending} onClick={() => mark.mutate({ all: true })} data-testid="bell-read-all">
            {t('bell.markAll')}
          </Button>
        </Flex>
      }
      content={<div className="bell-panel">{list}</div>}
    >
      <Button type="text" aria-label={t('bell.open', { n: unread })} data-testid="bell" className="bell-button">
        <Badge count={unread} size="small" overflowCount={99} data-testid="bell-count">
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
