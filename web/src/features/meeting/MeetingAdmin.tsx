import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Flex, Form, Input, InputNumber, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import type { Account, Room } from '@contracts/meeting';
import { useT } from '../../i18n/index.tsx';
import { DateTime } from '../../ui/DateTime.tsx';
import { EChart } from '../../ui/EChart.tsx';
import { FormDialog } from '../../ui/FormDialog.tsx';
import { formatNumber } from '../../ui/format.ts';
import { QueryError } from '../../ui/QueryError.tsx';
import { commands, useAccounts, useApiKeys, useCommand, useRooms, useUnits, useUsage, useWebhook } from './meeting.ts';

type RoomForm = { name: string; fixed?: boolean; allowedUnitIds?: string[]; allowedUserIds?: string[]; maxParticipants?: number };

/** Rooms (the report of all rooms for admins): create, fixed-room permissions, delete. */
export function RoomsTab({ admin }: { admin: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const rooms = useRooms();
  const units = useUnits();
  const accounts = useAccounts();
  const [editing, setEditing] = useState<Room | 'new' | null>(null);
  const create = useCommand(commands.createRoom);
  const update = useCommand(commands.updateRoom);
  const remove = useCommand(commands.deleteRoom);
  const fail = (e: Error) => message.error(e.message);
  const save = (v: RoomForm) => {
    const done = { onSuccess: () => { message.success(t('meeting.saved')); setEditing(null); }, onError: fail };
    if (editing === 'new') create.mutate(v, done);
    else if (editing) update.mutate({ id: editing.id, fixed: v.fixed, allowedUnitIds: v.allowedUnitIds ?? [], allowedUserIds: v.allowedUserIds ?? [] }, done);
  };
  return (
    <>
      <Button type="primary" style={{ marginBottom: 16 }} onClick={() => setEditing('new')} data-testid="meeting-new-room">{t('meeting.newRoom')}</Button>
      <QueryError error={rooms.error} onRetry={() => rooms.refetch()} />
      <Table
        rowKey="id"
        loading={rooms.isLoading}
        dataSource={rooms.data?.items}
        columns={[
          { title: t('meeting.roomName'), dataIndex: 'name', render: (v, r) => <Space>{v}{r.fixed && <Tag color="purple">{t('meeting.fixed')}</Tag>}{r.live && <Tag color="green">{t('meeting.mstatus.live')}</Tag>}</Space> },
          { title: t('meeting.maxParticipants'), dataIndex: 'maxParticipants' },
          { title: t('meeting.meetingsHeld'), dataIndex: 'meetingsHeld' },
          { title: t('meeting.minutes'), dataIndex: 'minutes', render: formatNumber },
          { title: t('meeting.lastUsed'), dataIndex: 'lastUsedAt', render: (v) => <DateTime value={v} /> },
          {
            key: 'actions',
            render: (_, r) => (
              <Space>
                {admin && <Button size="small" onClick={() => setEditing(r)}>{t('meeting.editRoom')}</Button>}
                <Popconfirm title={t('meeting.deleteConfirm')} onConfirm={() => remove.mutate(r.id, { onSuccess: () => message.success(t('meeting.deleted')), onError: fail })}>
                  <Button size="small" danger>{t('meeting.deleteRoom')}</Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <FormDialog<RoomForm>
          title={editing === 'new' ? t('meeting.newRoom') : `${t('meeting.editRoom')}: ${editing.name}`}
          onClose={() => setEditing(null)}
          loading={create.isPending || update.isPending}
          initialValues={editing === 'new' ? { fixed: false, maxParticipants: 100 } : editing}
          onFinish={save}
        >
          {editing === 'new' && (
            <>
              <Form.Item name="name" label={t('meeting.roomName')} rules={[{ required: true }]}><Input maxLength={120} data-testid="meeting-room-name" /></Form.Item>
              <Form.Item name="maxParticipants" label={t('meeting.maxParticipants')}><InputNumber min={2} max={100} /></Form.Item>
            </>
          )}
          {admin && (
            <>
              <Form.Item name="fixed" valuePropName="checked" extra={t('meeting.fixedHint')}><Checkbox>{t('meeting.fixed')}</Checkbox></Form.Item>
              <Form.Item name="allowedUnitIds" label={t('meeting.allowedUnits')}><Select mode="multiple" options={units.data?.items.map((u) => ({ value: u.id, label: u.name }))} /></Form.Item>
              <Form.Item name="allowedUserIds" label={t('meeting.allowedUsers')}><Select mode="multiple" optionFilterProp="label" options={accounts.data?.items.map((a) => ({ value: a.userId, label: `${a.fullName} (${a.username})` }))} /></Form.Item>
            </>
          )}
        </FormDialog>
      )}
    </>
  );
}

type AccountForm = { username: string; password: string; fullName: string; email: string; phone?: string; role: 'admin' | 'member'; unitId?: string | null };

/** Accounts (add, edit, remove) and units with their members (H2). */
export function AccountsTab() {
  const t = useT();
  const { message } = App.useApp();
  const accounts = useAccounts();
  const units = useUnits();
  const [editing, setEditing] = useState<Account | 'new' | null>(null);
  const [unitOpen, setUnitOpen] = useState(false);
  const add = useCommand(commands.addAccount);
  const edit = useCommand(commands.editAccount);
  const remove = useCommand(commands.removeAccount);
  const addUnit = useCommand(commands.createUnit);
  const delUnit = useCommand(commands.deleteUnit);
  const fail = (e: Error) => message.error(e.message);
  const unitName = (id: string | null) => units.data?.items.find((u) => u.id === id)?.name ?? '—';
  const unitOptions = units.data?.items.map((u) => ({ value: u.id, label: u.name }));
  const saved = { onSuccess: () => { message.success(t('meeting.saved')); setEditing(null); setUnitOpen(false); }, onError: fail };
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('meeting.accounts')} extra={<Button type="primary" onClick={() => setEditing('new')}>{t('meeting.newAccount')}</Button>}>
        <QueryError error={accounts.error} onRetry={() => accounts.refetch()} />
        <Table
          rowKey="userId"
          dataSource={accounts.data?.items}
          columns={[
            { title: t('meeting.fullName'), dataIndex: 'fullName' },
            { title: t('meeting.username'), dataIndex: 'username' },
            { title: t('meeting.email'), dataIndex: 'email' },
            { title: t('meeting.roleLabel'), dataIndex: 'role', render: (v: string) => <Tag color={v === 'admin' ? 'gold' : undefined}>{(t.maybe(`meeting.role.${v}`) ?? v)}</Tag> },
            { title: t('meeting.unit'), dataIndex: 'unitId', render: unitName },
            {
              key: 'actions',
              render: (_, a) => (
                <Space>
                  <Button size="small" onClick={() => setEditing(a)}>{t('meeting.edit')}</Button>
                  <Popconfirm title={t('meeting.removeConfirm')} onConfirm={() => remove.mutate(a.userId, { onSuccess: () => message.success(t('meeting.deleted')), onError: fail })}>
                    <Button size="small" danger>{t('meeting.remove')}</Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card title={t('meeting.units')} extra={<Button onClick={() => setUnitOpen(true)}>{t('meeting.newUnit')}</Button>}>
        <Table
          rowKey="id"
          pagination={false}
          dataSource={units.data?.items}
          columns={[
            { title: t('meeting.unitName'), dataIndex: 'name' },
            { title: t('meeting.unitMembers'), dataIndex: 'members' },
            { key: 'actions', render: (_, u) => <Popconfirm title={t('meeting.remove')} onConfirm={() => delUnit.mutate(u.id, { onError: fail })}><Button size="small" danger>{t('meeting.remove')}</Button></Popconfirm> },
          ]}
        />
      </Card>
      {editing && (
        <FormDialog<AccountForm>
          title={editing === 'new' ? t('meeting.newAccount') : `${t('meeting.edit')}: ${editing.username}`}
          onClose={() => setEditing(null)}
          loading={add.isPending || edit.isPending}
          initialValues={editing === 'new' ? { role: 'member' } : { ...editing, phone: editing.phone ?? undefined }}
          onFinish={(v) =>
            editing === 'new'
              ? add.mutate({ ...v, phone: v.phone || undefined, unitId: v.unitId ?? null }, saved)
              : edit.mutate({ userId: editing.userId, fullName: v.fullName, email: v.email, phone: v.phone || null, role: v.role, unitId: v.unitId ?? null }, saved)
          }
        >
          {editing === 'new' && (
            <>
              <Form.Item name="username" label={t('meeting.username')} rules={[{ required: true }]}><Input /></Form.Item>
              <Form.Item name="password" label={t('meeting.password')} rules={[{ required: true }]}><Input.Password /></Form.Item>
            </>
          )}
          <Form.Item name="fullName" label={t('meeting.fullName')} rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="email" label={t('meeting.email')} rules={[{ required: true, type: 'email' }]}><Input /></Form.Item>
          <Form.Item name="phone" label={t('meeting.phone')}><Input /></Form.Item>
          <Form.Item name="role" label={t('meeting.roleLabel')}><Select options={(['admin', 'member'] as const).map((r) => ({ value: r, label: (t.maybe(`meeting.role.${r}`) ?? r) }))} /></Form.Item>
          <Form.Item name="unitId" label={t('meeting.unit')}><Select allowClear options={unitOptions} /></Form.Item>
        </FormDialog>
      )}
      {unitOpen && (
        <FormDialog<{ name: string; userIds?: string[] }> title={t('meeting.newUnit')} onClose={() => setUnitOpen(false)} loading={addUnit.isPending} onFinish={(v) => addUnit.mutate(v, saved)}>
          <Form.Item name="name" label={t('meeting.unitName')} rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="userIds" label={t('meeting.unitMembers')}><Select mode="multiple" optionFilterProp="label" options={accounts.data?.items.map((a) => ({ value: a.userId, label: a.fullName }))} /></Form.Item>
        </FormDialog>
      )}
    </Space>
  );
}

/** API keys (shown once) and the webhook endpoint with its last deliveries (H4). */
export function ApiTab() {
  const t = useT();
  const { message } = App.useApp();
  const keys = useApiKeys();
  const hook = useWebhook();
  const createKey = useCommand(commands.createKey);
  const revoke = useCommand(commands.revokeKey);
  const setHook = useCommand(commands.setWebhook);
  const [newKey, setNewKey] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [url, setUrl] = useState<string>();
  const fail = (e: Error) => message.error(e.message);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('meeting.apiDoc')}</Typography.Text>
      <Card title={t('meeting.apiKeys')}>
        <Flex gap={8} style={{ marginBottom: 12 }}>
          <Input placeholder={t('meeting.keyName')} value={name} onChange={(e) => setName(e.target.value)} style={{ maxWidth: 320 }} />
          <Button type="primary" disabled={!name.trim()} onClick={() => createKey.mutate({ name: name.trim() }, { onSuccess: (k) => { setNewKey(k.key); setName(''); }, onError: fail })}>{t('meeting.newKey')}</Button>
        </Flex>
        {newKey && <Alert type="success" showIcon style={{ marginBottom: 12 }} title={t('meeting.keyShownOnce')} description={<Typography.Text code copyable>{newKey}</Typography.Text>} />}
        <Table
          rowKey="id"
          pagination={false}
          dataSource={keys.data?.items}
          columns={[
            { title: t('meeting.keyName'), dataIndex: 'name' },
            { title: 'Prefix', dataIndex: 'prefix', render: (v) => <Typography.Text code>{v}…</Typography.Text> },
            { title: t('meeting.when'), dataIndex: 'createdAt', render: (v) => <DateTime value={v} /> },
            { key: 'a', render: (_, k) => (k.revokedAt ? <Tag>{t('meeting.revoked')}</Tag> : <Button size="small" danger onClick={() => revoke.mutate(k.id, { onError: fail })}>{t('meeting.revoke')}</Button>) },
          ]}
        />
      </Card>
      <Card title={t('meeting.webhook')}>
        <Flex gap={8} style={{ marginBottom: 12 }}>
          <Input placeholder="https://…" value={url ?? hook.data?.url ?? ''} onChange={(e) => setUrl(e.target.value)} />
          <Button type="primary" onClick={() => setHook.mutate({ url: (url ?? hook.data?.url ?? '').trim() }, { onSuccess: (r) => setSecret(r.secret), onError: fail })}>{t('meeting.webhookSave')}</Button>
        </Flex>
        {secret && <Alert type="success" showIcon style={{ marginBottom: 12 }} title={t('meeting.webhookSecret')} description={<Typography.Text code copyable>{secret}</Typography.Text>} />}
        <Typography.Title level={5}>{t('meeting.deliveries')}</Typography.Title>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={hook.data?.deliveries}
          columns={[
            { title: 'Event', dataIndex: 'event' },
            { title: t('meeting.status'), dataIndex: 'status', render: (s: string) => <Tag color={s === 'delivered' ? 'green' : s === 'failed' ? 'red' : 'blue'}>{s}</Tag> },
            { title: '#', dataIndex: 'attempts' },
            { title: 'Error', dataIndex: 'lastError' },
            { title: t('meeting.when'), dataIndex: 'createdAt', render: (v) => <DateTime value={v} /> },
          ]}
        />
      </Card>
    </Space>
  );
}

/** Monthly usage (issue #13 item 7): meetings, minutes, participant-minutes, peak participants. */
export function UsageTab() {
  const t = useT();
  const usage = useUsage();
  const rows = useMemo(() => [...(usage.data?.items ?? [])].reverse(), [usage.data]);
  const option = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: {},
      grid: { left: 48, right: 48, bottom: 32 },
      xAxis: { type: 'category', data: rows.map((r) => r.month) },
      yAxis: [{ type: 'value', name: t('meeting.usage.minutes') }, { type: 'value', name: t('meeting.usage.peak') }],
      series: [
        { name: t('meeting.usage.minutes'), type: 'bar', data: rows.map((r) => r.minutes) },
        { name: t('meeting.usage.meetings'), type: 'bar', data: rows.map((r) => r.meetings) },
        { name: t('meeting.usage.peak'), type: 'line', yAxisIndex: 1, data: rows.map((r) => r.peakParticipants) },
      ],
    }),
    [rows, t],
  );
  return (
    <>
      <QueryError error={usage.error} onRetry={() => usage.refetch()} />
      <EChart option={option} testId="meeting-usage-chart" />
      <Table
        rowKey="month"
        pagination={false}
        dataSource={usage.data?.items}
        columns={[
          { title: t('meeting.usage.month'), dataIndex: 'month' },
          { title: t('meeting.usage.meetings'), dataIndex: 'meetings', render: formatNumber },
          { title: t('meeting.usage.minutes'), dataIndex: 'minutes', render: formatNumber },
          { title: t('meeting.usage.participantMinutes'), dataIndex: 'participantMinutes', render: formatNumber },
          { title: t('meeting.usage.peak'), dataIndex: 'peakParticipants' },
        ]}
      />
    </>
  );
}
