import { useState } from 'react';
import { Button, Dropdown, Empty, Input, List, Modal, Select, Space, Tabs, Tag, Typography } from 'antd';
import { AudioMutedOutlined, MoreOutlined } from '@ant-design/icons';
import { useMeetingT } from './i18n.ts';
import type { MeetingRoom, Snapshot } from './room.ts';

/** Chat (everyone or one person) and the participant list (with the host's per-person controls). */
export function SidePanel({ room, snap, tab, onTab }: { room: MeetingRoom; snap: Snapshot; tab: string; onTab: (k: string) => void }) {
  const t = useMeetingT();
  const [text, setText] = useState('');
  const [to, setTo] = useState<string>('');
  const me = snap.me!;
  const isHost = me.role === 'host';
  const nameOf = (id: string) => snap.roster.find((r) => r.participantId === id)?.displayName ?? '…';
  const send = () => {
    if (!text.trim()) return;
    room.chat(text.trim(), to || undefined);
    setText('');
  };
  const chat = (
    <div className="meeting-chat">
      <div className="meeting-chat-lines" data-testid="meeting-chat-lines">
        {snap.chat.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('chat.empty')} />
        ) : (
          snap.chat.map((c) => (
            <div key={c.id} className="meeting-chat-line" data-testid="meeting-chat-message" data-private={c.to ? 'true' : undefined}>
              <Typography.Text strong>{c.from.participantId === me.participantId ? t('you') : c.from.displayName}</Typography.Text>
              {c.to && <Typography.Text type="secondary"> ({t('chat.private', { name: c.to === me.participantId ? t('you') : nameOf(c.to) })})</Typography.Text>}
              <div>{c.text}</div>
            </div>
          ))
        )}
      </div>
      <Space.Compact block>
        <Select
          aria-label={t('chat.to')}
          data-testid="meeting-chat-to"
          value={to}
          onChange={setTo}
          style={{ width: 140 }}
          options={[{ value: '', label: t('chat.everyone') }, ...snap.roster.filter((r) => r.participantId !== me.participantId).map((r) => ({ value: r.participantId, label: r.displayName }))]}
        />
        <Input aria-label={t('chat.placeholder')} data-testid="meeting-chat-input" placeholder={t('chat.placeholder')} value={text} maxLength={2000} onChange={(e) => setText(e.target.value)} onPressEnter={send} />
        <Button type="primary" data-testid="meeting-chat-send" onClick={send}>
          {t('chat.send')}
        </Button>
      </Space.Compact>
    </div>
  );
  const people = (
    <List
      size="small"
      dataSource={[...snap.roster].sort((a, b) => Number(b.handRaised) - Number(a.handRaised) || a.displayName.localeCompare(b.displayName))}
      renderItem={(p) => {
        const self = p.participantId === me.participantId;
        const items = [
          { key: 'mute', label: t('host.muteOne'), disabled: p.hostMuted || p.role === 'host', onClick: () => room.host('mute', p.participantId) },
          { key: 'except', label: t('host.muteAllExcept'), onClick: () => room.host('mute_all_except', p.participantId) },
          { key: 'allow', label: t('host.allow'), disabled: !p.hostMuted, onClick: () => room.host('allow_unmute', p.participantId) },
          {
            key: 'kick',
            label: t('host.kick'),
            danger: true,
            disabled: p.role === 'host',
            onClick: () => Modal.confirm({ title: t('host.kickConfirm', { name: p.displayName }), okButtonProps: { danger: true, ...({ 'data-testid': 'meeting-kick-confirm' } as Record<string, string>) }, onOk: () => room.host('kick', p.participantId) }),
          },
        ];
        return (
          <List.Item
            data-testid="meeting-participant"
            data-name={p.displayName}
            actions={
              isHost && !self
                ? [
                    <Dropdown key="m" trigger={['click']} menu={{ items: items.map((i) => ({ ...i, 'data-testid': `meeting-host-${i.key}` }) as never) }}>
                      <Button size="small" type="text" icon={<MoreOutlined />} aria-label={t('host.menu')} data-testid="meeting-participant-menu" />
                    </Dropdown>,
                  ]
                : []
            }
          >
            <Space>
              {p.handRaised && <span role="img" aria-label={t('handRaised')}>✋</span>}
              <span>{self ? `${p.displayName} (${t('you')})` : p.displayName}</span>
              {p.role !== 'participant' && <Tag>{t(p.role === 'host' ? 'role.host' : 'role.guest')}</Tag>}
              {(p.audioMuted || p.hostMuted) && <AudioMutedOutlined aria-label={t('muted')} />}
            </Space>
          </List.Item>
        );
      }}
    />
  );
  return (
    <Tabs
      activeKey={tab}
      onChange={onTab}
      items={[
        { key: 'chat', label: t('chat'), children: chat },
        { key: 'people', label: t('participants', { n: snap.roster.length, max: snap.meeting?.maxParticipants ?? 0 }), children: people },
      ]}
    />
  );
}
