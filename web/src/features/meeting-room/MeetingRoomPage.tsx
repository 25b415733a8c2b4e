import { useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { Alert, App, Badge, Button, Card, Dropdown, Input, Modal, Result, Space, Spin, Tooltip, Typography } from 'antd';
import {
  AudioMutedOutlined, AudioOutlined, CrownOutlined, DesktopOutlined, LogoutOutlined, MessageOutlined, SettingOutlined, StopOutlined, VideoCameraOutlined,
} from '@ant-design/icons';
import { LIVE_WS_PATH } from '@contracts/meeting';
import { LangSwitch } from '../layout/LangSwitch.tsx';
import { useLang } from '../../i18n/index.tsx';
import { useMeetingT } from './i18n.ts';
import { MeetingRoom } from './room.ts';
import { SettingsDialog } from './SettingsDialog.tsx';
import { SidePanel } from './SidePanel.tsx';
import { Tiles } from './Tiles.tsx';
import './meeting-room.css';

/** The live WebSocket on this page's host (the path and the frames: the module's contract). */
const liveUrl = () => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${LIVE_WS_PATH}`;

/** /meeting/live#<join token>: the meeting itself (the token is single-use; the fragment never reaches a server log). */
export function MeetingRoomPage() {
  const t = useMeetingT();
  const { lang } = useLang();
  const { message, notification } = App.useApp();
  const [token] = useState(() => decodeURIComponent(location.hash.replace(/^#/, '')));
  const room = useMemo(() => new MeetingRoom(liveUrl()), []);
  const snap = useSyncExternalStore(room.subscribe, room.getSnapshot);
  const [tab, setTab] = useState('chat');
  const [panel, setPanel] = useState(true);
  const [settings, setSettings] = useState(false);
  const [noticeText, setNoticeText] = useState('');

  useEffect(() => {
    // The token leaves the address bar once read.
    if (location.hash) history.replaceState(null, '', location.pathname);
    return () => void room.leave();
  }, [room]);

  useEffect(
    () =>
      room.onNotice((m) => {
        if (m.type === 'error') {
          if (m.code === 'JOIN_REFUSED' || m.code === 'ROOM_FULL' || m.code === 'MEETING_ENDED') return;
          message.warning(m.code === 'MUTED_BY_HOST' ? t('error.mutedByHost') : t('error.generic', { reason: m.reason }));
          return;
        }
        if (m.kind === 'muted_by_host') message.warning(t('notice.muted', { by: m.by ?? '' }));
        else if (m.kind === 'unmuted_by_host') message.info(t('notice.unmuted'));
        else if (m.kind === 'host') notification.info({ message: t('notice.host', { by: m.by ?? '', text: m.text ?? '' }), duration: 8 });
        else if (m.kind === 'ending_soon') notification.warning({ message: t('notice.endingSoon', { time: new Date(m.text!).toLocaleTimeString(lang === 'en' ? 'en-GB' : 'vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }) }) });
      }),
    [room, message, notification, t, lang],
  );

  // Shortcuts, when not typing.
  useEffect(() => {
    if (snap.phase !== 'joined') return;
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement;
      if (e.ctrlKey || e.metaKey || e.altKey || el.closest('input, textarea, [contenteditable=true], .ant-select')) return;
      const k = e.key.toLowerCase();
      if (k === 'm') room.toggleMic();
      else if (k === 'v') room.toggleCamera();
      else if (k === 'h') room.toggleHand();
      else if (k === 'c') (setPanel(true), setTab('chat'));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [room, snap.phase]);

  const center = (content: ReactNode) => <div className="meeting-center">{content}</div>;
  if (!token) return center(<Result status="warning" title={t('refused.title')} subTitle={t('lobby.noToken')} />);
  if (snap.phase === 'lobby')
    return center(
      <Card title={t('title')} extra={<LangSwitch />} style={{ width: 420 }}>
        <Typography.Paragraph>{t('lobby.hint')}</Typography.Paragraph>
        <Button type="primary" size="large" block data-testid="meeting-join" onClick={() => room.join(token)}>
          {t('lobby.join')}
        </Button>
      </Card>,
    );
  if (snap.phase === 'connecting') return center(<Spin tip={t('connecting')} size="large"><div style={{ padding: 50 }} /></Spin>);
  if (snap.phase === 'ended') return center(<Result data-testid="meeting-ended" data-reason={snap.endReason} status="info" title={t('ended.title')} subTitle={t(`ended.${snap.endReason ?? 'host'}`)} />);
  if (snap.phase === 'kicked') return center(<Result data-testid="meeting-kicked" status="warning" title={t('kicked.title')} />);
  if (snap.phase === 'refused')
    return center(<Result data-testid="meeting-refused" status="error" title={t('refused.title')} subTitle={snap.refusal ? (lang === 'en' ? snap.refusal.en : snap.refusal.vi) || snap.refusal.reason : undefined} />);
  if (snap.phase === 'closed' || !snap.me) return center(<Result data-testid="meeting-closed" status="info" title={t('closed.title')} subTitle={t('closed.rejoin')} />);

  const isHost = snap.me.role === 'host';
  const time = (iso: string) => new Date(iso).toLocaleTimeString(lang === 'en' ? 'en-GB' : 'vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit' });
  const hands = snap.roster.filter((r) => r.handRaised).length;
  const hostItems = [
    { key: 'mute_all', label: t('host.muteAll'), onClick: () => room.host('mute_all') },
    { key: 'allow_all', label: t('host.allowAll'), onClick: () => room.host('allow_unmute') },
    {
      key: 'notice',
      label: t('host.notice'),
      onClick: () =>
        Modal.confirm({
          title: t('host.notice'),
          content: <Input.TextArea maxLength={500} placeholder={t('host.noticePlaceholder')} onChange={(e) => setNoticeText(e.target.value)} />,
          onOk: () => noticeText.trim() && room.notice(noticeText.trim()),
        }),
    },
    { key: 'end', danger: true, label: t('host.end'), onClick: () => Modal.confirm({ title: t('host.endConfirm'), okButtonProps: { danger: true }, onOk: () => room.host('end') }) },
  ];
  return (
    <div className="meeting-page">
      <header className="meeting-header">
        <Space>
          <Typography.Text strong style={{ color: '#fff' }}>
            {snap.meeting?.roomName}
          </Typography.Text>
          {snap.meeting?.endsAt && <Typography.Text style={{ color: '#fff' }}>· {t('trial.endsAt', { time: time(snap.meeting.endsAt) })}</Typography.Text>}
        </Space>
        <LangSwitch />
      </header>
      {!snap.media?.available && <Alert type="warning" banner message={t('media.off', { hint: snap.media?.hint ?? '' })} data-testid="meeting-media-off" />}
      {snap.mediaError && <Alert type="error" banner message={t('media.error', { error: snap.mediaError })} />}
      <div className="meeting-body">
        <main className="meeting-main">
          <Tiles snap={snap} />
        </main>
        {panel && (
          <aside className="meeting-side">
            <SidePanel room={room} snap={snap} tab={tab} onTab={setTab} />
          </aside>
        )}
      </div>
      <nav className="meeting-bar" aria-label={t('title')}>
        <Tooltip title={snap.audioMuted ? t('mic.off') : t('mic.on')}>
          <Button shape="round" data-testid="meeting-mic" data-muted={snap.audioMuted} danger={snap.audioMuted} icon={snap.audioMuted ? <AudioMutedOutlined /> : <AudioOutlined />} onClick={() => room.toggleMic()} aria-label={snap.audioMuted ? t('mic.off') : t('mic.on')} />
        </Tooltip>
        <Tooltip title={snap.videoMuted ? t('camera.off') : t('camera.on')}>
          <Button shape="round" data-testid="meeting-camera" danger={snap.videoMuted} icon={snap.videoMuted ? <StopOutlined /> : <VideoCameraOutlined />} onClick={() => room.toggleCamera()} aria-label={snap.videoMuted ? t('camera.off') : t('camera.on')} />
        </Tooltip>
        <Button shape="round" data-testid="meeting-share" icon={<DesktopOutlined />} disabled={!snap.media?.available} onClick={() => void (snap.screen ? room.stopShare() : room.startShare().catch((e) => message.warning(String(e))))}>
          {snap.screen ? t('share.stop') : t('share.start')}
        </Button>
        <Button shape="round" data-testid="meeting-hand" type={snap.handRaised ? 'primary' : 'default'} onClick={() => room.toggleHand()}>
          ✋ {snap.handRaised ? t('hand.lower') : t('hand.raise')}
        </Button>
        <Badge count={hands} size="small">
          <Button shape="round" data-testid="meeting-panel" icon={<MessageOutlined />} onClick={() => setPanel(!panel)} aria-label={t('chat')} />
        </Badge>
        <Button shape="round" icon={<SettingOutlined />} onClick={() => setSettings(true)} aria-label={t('settings')} data-testid="meeting-settings" />
        {isHost && (
          <Dropdown trigger={['click']} menu={{ items: hostItems.map((i) => ({ ...i, 'data-testid': `meeting-host-${i.key}` }) as never) }}>
            <Button shape="round" icon={<CrownOutlined />} data-testid="meeting-host-menu">
              {t('host.menu')}
            </Button>
          </Dropdown>
        )}
        <Button shape="round" danger type="primary" icon={<LogoutOutlined />} data-testid="meeting-leave" onClick={() => void room.leave()}>
          {t('leave')}
        </Button>
      </nav>
      <SettingsDialog room={room} open={settings} onClose={() => setSettings(false)} />
    </div>
  );
}
