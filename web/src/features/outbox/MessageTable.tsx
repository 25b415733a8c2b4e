import { useState } from 'react';
import { Button, Tag, Typography, type TableColumnsType } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, ReloadOutlined } from '@ant-design/icons';
import type { OutboxMessage } from '@contracts/notifications';
import { useT } from '../../i18n/index.tsx';
import { DateTime } from '../../ui/DateTime.tsx';
import { PagedTable } from '../../ui/PagedTable.tsx';
import { FIRST_PAGE } from '../../ui/paging.ts';
import { MessageDrawer } from './MessageDrawer.tsx';
import { STATUS_COLORS, useMessages } from './outbox.ts';

export function MessageTable({ channel }: { channel: 'email' | 'sms' }) {
  const t = useT();
  const [paging, setPaging] = useState(FIRST_PAGE);
  const [open, setOpen] = useState<OutboxMessage | null>(null);
  const messages = useMessages(channel, paging);

  const columns: TableColumnsType<OutboxMessage> = [
    { title: t('outbox.time'), dataIndex: 'createdAt', width: 150, render: (v: string) => <DateTime value={v} /> },
    {
      title: t('outbox.direction'),
      dataIndex: 'direction',
      render: (d: OutboxMessage['direction']) =>
        d === 'in' ? (
          <Tag icon={<ArrowDownOutlined />} color="cyan">{t('outbox.direction.in')}</Tag>
        ) : (
          <Tag icon={<ArrowUpOutlined />}>{t('outbox.direction.out')}</Tag>
        ),
    },
    {
      title: t('outbox.party'),
      key: 'party',
      render: (_, m) => (
        <span className="party">
          <Typography.Text type="secondary">{m.from}</Typography.Text> → {m.to}
        </span>
      ),
    },
    {
      title: channel === 'email' ? t('outbox.subject') : t('outbox.text'),
      key: 'summary',
      ellipsis: true,
      width: '35%',
      render: (_, m) => (channel === 'email' ? m.subject : m.body) ?? t('common.none'),
    },
    {
      title: t('outbox.status'),
      dataIndex: 'status',
      render: (s: OutboxMessage['status']) => <Tag color={STATUS_COLORS[s]}>{t.maybe(`outbox.status.${s}`) ?? s}</Tag>,
    },
    { title: t('outbox.attempts'), dataIndex: 'attempts', align: 'right', responsive: ['md'] },
  ];

  return (
    <>
      <div style={{ textAlign: 'right', marginBottom: 8 }}>
        <Button icon={<ReloadOutlined />} onClick={() => messages.refetch()} loading={messages.isFetching}>
          {t('common.refresh')}
        </Button>
      </div>
      <PagedTable<OutboxMessage>
        query={messages}
        paging={paging}
        onPaging={setPaging}
        columns={columns}
        onRow={(m) => ({ onClick: () => setOpen(m), className: 'clickable-row' })}
      />
      <MessageDrawer message={open} onClose={() => setOpen(null)} />
    </>
  );
}
