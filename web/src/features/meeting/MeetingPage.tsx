import { useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Empty, Flex, Form, Input, Modal, Popconfirm, Result, Row, Select, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { Meeting, Org } from '@contracts/meeting';
import { ApiError } from '../../api/client.ts';
import { useT } from '../../i18n/index.tsx';
import { DateTime } from '../../ui/DateTime.tsx';
import { FormDialog } from '../../ui/FormDialog.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryError } from '../../ui/QueryError.tsx';
import { AccountsTab, ApiTab, RoomsTab, UsageTab } from './MeetingAdmin.tsx';
import { commands, emailsOf, useCommand, useLive, useMeetings, useOrg, useReport, useRooms } from './meeting.ts';

/** `/meeting`: the organisation's Meeting pages (H1, H2): overview, meetings, rooms, accounts, API, usage. */
export function MeetingPage() {
  const t = useT();
  const org = useOrg();
  const { message } = App.useApp();
  const trial = useCommand(commands.startTrial);
  if (org.error instanceof ApiError && org.error.code === 'NO_ORGANISATION') {
    return (
      <>
        <PageHeader title={t('meeting.title')} />
        <Result
          status="info"
          title={t('meeting.noOrg')}
          subTitle={t('meeting.noOrgHint')}
          extra={
            <Button type="primary" loading={trial.isPending} data-testid="meeting-trial" onClick={() => trial.mutate(undefined, { onSuccess: () => message.success(t('meeting.trialStarted')), onError: (e) => message.error(e.message) })}>
              {t('meeting.startTrial')}
            </Button>
          }
        />
      </>
    );
  }
  const o = org.data;
  const admin = o?.role === 'admin';
  return (
    <>
      <PageHeader title={t('meeting.title')} />
      <QueryError error={org.error} onRetry={() => org.refetch()} />
      {o && (
        <Tabs
          items={[
            { key: 'overview', label: t('meeting.tab.overview'), children: <Overview org={o} /> },
            { key: 'meetings', label: t('meeting.tab.meetings'), children: <MeetingsTab org={o} /> },
            { key: 'rooms', label: t('meeting.tab.rooms'), children: <RoomsTab admin={admin} /> },
            ...(admin
              ? [
                  { key: 'accounts', label: t('meeting.tab.accounts'), children: <AccountsTab /> },
                  { key: 'api', label: t('meeting.tab.api'), children: <ApiTab /> },
                  { key: 'usage', label: t('meeting.tab.usage'), children: <UsageTab /> },
                ]
              : []),
          ]}
        />
      )}
    </>
  );
}

/** Quota, status, the trial rule, whether media runs (and how to install Janus), the rooms live now. */
function Overview({ org }: { org: Org }) {
  const t = useT();
  const live = useLive();
  const up = org.media.instances.filter((i) => i.up).length;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {org.trial && org.trialPolicy && (
        <Alert type="info" showIcon data-testid="meeting-trial-notice" title={t('meeting.trialNotice', { rooms: org.roomQuota, from: org.trialPolicy.limitFrom, minutes: org.trialPolicy.meetingMinutesLimit })} />
      )}
      {org.status === 'suspended' && <Alert type="warning" showIcon title={t('meeting.suspendedNotice')} />}
      {org.status === 'closed' && <Alert type="error" showIcon title={t('meeting.closedNotice')} />}
      {!org.media.available ? (
        <Alert type="warning" showIcon data-testid="meeting-media-down" title={t('meeting.mediaDown')} description={<span>{t('meeting.mediaHint', { hint: '' })}<Typography.Text code>{org.media.hint ?? 'apt-get install janus'}</Typography.Text></span>} />
      ) : (
        <Typography.Text type="secondary">{t('meeting.mediaUp', { up, total: org.media.instances.length })}</Typography.Text>
      )}
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Card><Statistic title={t('meeting.quota')} value={org.roomsUsed} suffix={`/ ${org.roomQuota}`} data-testid="meeting-quota" /></Card>
        </Col>
        <Col xs={24} md={8}>
          <Card><Statistic title={t('meeting.status')} value={t(`meeting.status.${org.status}`)} /></Card>
        </Col>
        <Col xs={24} md={8}>
          <Card><Statistic title={t('meeting.roleLabel')} value={t(`meeting.role.${org.role}`)} /></Card>
        </Col>
      </Row>
      <Card title={t('meeting.liveNow')}>
        {(live.data?.items.length ?? 0) === 0 ? (
          <Empty description={t('meeting.noneLive')} />
        ) : (
          <Table
            rowKey="meetingId"
            pagination={false}
            dataSource={live.data?.items}
            columns={[
              { title: t('meeting.room'), dataIndex: 'roomName' },
              { title: t('meeting.meetingTitle'), dataIndex: 'title' },
              { title: t('meeting.when'), dataIndex: 'startedAt', render: (v) => <DateTime value={v} /> },
              { title: t('meeting.participants'), render: (_, r) => r.participants.map((p) => p.displayName).join(', ') || t('meeting.people', { n: 0 }) },
            ]}
          />
        )}
      </Card>
    </Space>
  );
}

/** Meet now, schedule, invite, copy the link, join (to the live page), end; history and per-meeting report. */
function MeetingsTab({ org }: { org: Org }) {
  const t = useT();
  const { message } = App.useApp();
  const rooms = useRooms();
  const meetings = useMeetings();
  const [dialog, setDialog] = useState<'now' | 'schedule' | null>(null);
  const [inviting, setInviting] = useState<Meeting | null>(null);
  const [reportOf, setReportOf] = useState<string | null>(null);
  const create = useCommand(commands.createMeeting);
  const invite = useCommand(commands.invite);
  const end = useCommand(commands.end);
  const join = useCommand(commands.join);
  const fail = (e: Error) => message.error(e.message);
  const goJoin = (id: string) => join.mutate(id, { onSuccess: (r) => window.location.assign(r.roomUrl), onError: fail });
  const copy = (link: string) => void navigator.clipboard?.writeText(link).then(() => message.success(t('meeting.copied')));
  const roomName = (id: string) => rooms.data?.items.find((r) => r.id === id)?.name ?? id;
  const open = org.status === 'active';
  return (
    <>
      <Flex gap={8} style={{ marginBottom: 16 }}>
        <Button type="primary" disabled={!open} onClick={() => setDialog('now')} data-testid="meeting-new">{t('meeting.new')}</Button>
        <Button disabled={!open} onClick={() => setDialog('schedule')} data-testid="meeting-schedule">{t('meeting.schedule')}</Button>
      </Flex>
      <QueryError error={meetings.error} onRetry={() => meetings.refetch()} />
      <Typography.Title level={5}>{t('meeting.history')}</Typography.Title>
      <Table
        rowKey="id"
        loading={meetings.isLoading}
        dataSource={meetings.data?.items}
        columns={[
          { title: t('meeting.meetingTitle'), dataIndex: 'title' },
          { title: t('meeting.room'), dataIndex: 'roomId', render: roomName },
          { title: t('meeting.when'), dataIndex: 'scheduledAt', render: (v) => <DateTime value={v} /> },
          { title: t('meeting.status'), dataIndex: 'status', render: (s: string) => <Tag color={s === 'live' ? 'green' : s === 'ended' ? 'default' : 'blue'}>{(t.maybe(`meeting.mstatus.${s}`) ?? s)}</Tag> },
          { title: t('meeting.minutes'), dataIndex: 'minutes', render: (v) => v ?? '—' },
          {
            key: 'actions',
            render: (_, m) => (
              <Space wrap>
                {m.status !== 'ended' && <Button size="small" type="primary" loading={join.isPending} onClick={() => goJoin(m.id)} data-testid="meeting-join">{t('meeting.join')}</Button>}
                {m.status !== 'ended' && <Button size="small" onClick={() => copy(m.link)}>{t('meeting.copyLink')}</Button>}
                {m.status !== 'ended' && <Button size="small" onClick={() => setInviting(m)}>{t('meeting.invite')}</Button>}
                {m.status !== 'ended' && (
                  <Popconfirm title={t('meeting.endConfirm')} onConfirm={() => end.mutate(m.id, { onError: fail })}>
                    <Button size="small" danger>{t('meeting.end')}</Button>
                  </Popconfirm>
                )}
                <Button size="small" type="link" onClick={() => setReportOf(m.id)}>{t('meeting.report')}</Button>
              </Space>
            ),
          },
        ]}
      />
      {dialog && (
        <FormDialog<{ roomId: string; title?: string; when?: Dayjs; invite?: string }>
          title={dialog === 'now' ? t('meeting.new') : t('meeting.schedule')}
          onClose={() => setDialog(null)}
          loading={create.isPending}
          onFinish={(v) =>
            create.mutate(
              { roomId: v.roomId, title: v.title || undefined, scheduledAt: v.when?.toISOString(), invite: emailsOf(v.invite).length ? emailsOf(v.invite) : undefined },
              {
                onSuccess: (m) => {
                  message.success(t('meeting.created'));
                  setDialog(null);
                  if (dialog === 'now') goJoin(m.id);
                },
                onError: fail,
              },
            )
          }
        >
          <Form.Item name="roomId" label={t('meeting.room')} rules={[{ required: true }]}>
            <Select options={rooms.data?.items.map((r) => ({ value: r.id, label: r.name }))} data-testid="meeting-room-select" />
          </Form.Item>
          <Form.Item name="title" label={t('meeting.meetingTitle')}><Input maxLength={200} /></Form.Item>
          {dialog === 'schedule' && (
            <Form.Item name="when" label={t('meeting.when')} rules={[{ required: true }]}>
              <DatePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format="DD/MM/YYYY HH:mm" style={{ width: '100%' }} />
            </Form.Item>
          )}
          <Form.Item name="invite" label={t('meeting.inviteEmails')}><Input.TextArea rows={2} /></Form.Item>
        </FormDialog>
      )}
      {inviting && (
        <FormDialog<{ emails: string }>
          title={`${t('meeting.invite')}: ${inviting.title}`}
          onClose={() => setInviting(null)}
          loading={invite.isPending}
          onFinish={(v) => invite.mutate({ id: inviting.id, emails: emailsOf(v.emails) }, { onSuccess: (r) => { message.success(t('meeting.invited', { n: r.invited })); setInviting(null); }, onError: fail })}
        >
          <Typography.Paragraph copyable>{inviting.link}</Typography.Paragraph>
          <Form.Item name="emails" label={t('meeting.inviteEmails')} rules={[{ required: true }]}><Input.TextArea rows={3} /></Form.Item>
        </FormDialog>
      )}
      {reportOf && <ReportModal id={reportOf} onClose={() => setReportOf(null)} />}
    </>
  );
}

/** Meeting details and its report: who, when, how long (H1). */
function ReportModal({ id, onClose }: { id: string; onClose: () => void }) {
  const t = useT();
  const r = useReport(id);
  const m = r.data;
  return (
    <Modal open width={820} title={m?.title ?? t('meeting.report')} onCancel={onClose} footer={null}>
      <QueryError error={r.error} />
      {m && (
        <>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('meeting.room')}>{m.roomName}</Descriptions.Item>
            <Descriptions.Item label={t('meeting.status')}>{t(`meeting.mstatus.${m.status}`)}</Descriptions.Item>
            <Descriptions.Item label={t('meeting.when')}><DateTime value={m.startedAt ?? m.scheduledAt} /></Descriptions.Item>
            <Descriptions.Item label={t('meeting.minutes')}>{m.minutes ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('meeting.peak')}>{m.peakParticipants}</Descriptions.Item>
            <Descriptions.Item label="Link"><Typography.Text copyable>{m.link}</Typography.Text></Descriptions.Item>
          </Descriptions>
          <Table
            style={{ marginTop: 16 }}
            size="small"
            rowKey="participantId"
            pagination={false}
            dataSource={m.participants}
            columns={[
              { title: t('meeting.fullName'), dataIndex: 'displayName' },
              { title: t('meeting.roleLabel'), dataIndex: 'role', render: (v: string) => (t.maybe(`meeting.role.${v}`) ?? v) },
              { title: t('meeting.joinedAt'), dataIndex: 'joinedAt', render: (v) => <DateTime value={v} /> },
              { title: t('meeting.leftAt'), dataIndex: 'leftAt', render: (v) => <DateTime value={v} /> },
              { title: t('meeting.minutes'), dataIndex: 'minutes' },
            ]}
          />
        </>
      )}
    </Modal>
  );
}
