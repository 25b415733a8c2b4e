import { Button, Card, Popconfirm, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { LogoutOutlined } from '@ant-design/icons';
import { useT } from '../../i18n/index.tsx';
import { DateTime } from '../../ui/DateTime.tsx';
import { QueryError } from '../../ui/QueryError.tsx';
import { useSubmit } from '../../ui/useSubmit.ts';
import type { OwnSession } from '@contracts/identity';
import { describeAgent, useEndSessions, useOwnSessions } from './account.ts';

/** The signed-in user's open sessions, with sign-out of one or of all the others. */
export function SessionsCard() {
  const t = useT();
  const sessions = useOwnSessions();
  const end = useEndSessions();
  const items = sessions.data?.items ?? [];
  const endOne = useSubmit(end, t('account.sessions.ended'));
  const columns: TableColumnsType<OwnSession> = [
    {
      key: 'device',
      title: t('account.sessions.device'),
      render: (_, s) => (
        <>
          <Typography.Text title={s.userAgent ?? undefined}>{describeAgent(s.userAgent)}</Typography.Text>
          {s.current && <Tag color="green" style={{ marginLeft: 8 }}>{t('account.sessions.current')}</Tag>}
        </>
      ),
    },
    { key: 'ip', title: t('account.sessions.ip'), dataIndex: 'ip', render: (ip: string | null) => ip ?? '—' },
    { key: 'createdAt', title: t('account.sessions.created'), dataIndex: 'createdAt', render: (v: string) => <DateTime value={v} /> },
    { key: 'lastSeenAt', title: t('account.sessions.lastSeen'), dataIndex: 'lastSeenAt', render: (v: string) => <DateTime value={v} /> },
    {
      key: 'actions',
      align: 'right',
      render: (_, s) =>
        s.current ? null : (
          <Button size="small" icon={<LogoutOutlined />} onClick={() => endOne(s.id)} data-testid={`end-session-${s.id}`}>
            {t('account.sessions.end')}
          </Button>
        ),
    },
  ];
  return (
    <Card
      title={t('account.sessions.title')}
      extra={
        <Popconfirm title={t('account.sessions.endOthersConfirm')} onConfirm={() => endOne('others')} okText={t('account.sessions.endOthers')}>
          <Button danger disabled={items.filter((s) => !s.current).length === 0} data-testid="end-other-sessions">
            {t('account.sessions.endOthers')}
          </Button>
        </Popconfirm>
      }
    >
      {sessions.error ? (
        <QueryError error={sessions.error} />
      ) : (
        <Table<OwnSession> rowKey="id" size="small" loading={sessions.isLoading} columns={columns} dataSource={items} pagination={false} scroll={{ x: true }} />
      )}
    </Card>
  );
}
