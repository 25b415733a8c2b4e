import { useEffect, useRef } from 'react';
import { AudioMutedOutlined, DesktopOutlined } from '@ant-design/icons';
import type { RosterEntry } from '@contracts/meeting';
import { useMeetingT } from './i18n.ts';
import type { RemoteFeed, Snapshot } from './room.ts';

function Media({ stream, muted, video }: { stream: MediaStream; muted?: boolean; video: boolean }) {
  const ref = useRef<HTMLVideoElement & HTMLAudioElement>(null);
  useEffect(() => {
    if (ref.current && ref.current.srcObject !== stream) ref.current.srcObject = stream;
  }, [stream]);
  return video ? <video ref={ref} autoPlay playsInline muted={muted} className="meeting-video" /> : <audio ref={ref} autoPlay />;
}

function Tile({ name, entry, stream, muted, self, screen, video }: { name: string; entry?: RosterEntry; stream: MediaStream | null; muted?: boolean; self?: boolean; screen?: boolean; video: boolean }) {
  const t = useMeetingT();
  const camOff = !screen && entry?.videoMuted;
  return (
    <div className="meeting-tile" data-testid="meeting-tile" data-name={name} data-self={self ? 'true' : undefined}>
      {stream && <Media stream={stream} muted={muted} video={video} />}
      {(camOff || !video) && <div className="meeting-tile-placeholder">{camOff ? t('noVideo') : name.slice(0, 1).toUpperCase()}</div>}
      <div className="meeting-tile-name">
        {screen && <DesktopOutlined />} {screen ? t('screen', { name }) : self ? `${name} (${t('you')})` : name}
        {!screen && (entry?.audioMuted || entry?.hostMuted) && <AudioMutedOutlined aria-label={t('muted')} data-testid="meeting-tile-muted" />}
        {!screen && entry?.handRaised && (
          <span role="img" aria-label={t('handRaised')} data-testid="meeting-tile-hand">
            ✋
          </span>
        )}
      </div>
    </div>
  );
}

/** Everyone's tiles: mine first, screens next, then the others (audio-only feeds play without a tile of video). */
export function Tiles({ snap }: { snap: Snapshot }) {
  const me = snap.me;
  const byFeed = new Map<number, { entry: RosterEntry; screen: boolean }>();
  for (const r of snap.roster) {
    byFeed.set(r.feedId, { entry: r, screen: false });
    byFeed.set(r.screenFeedId, { entry: r, screen: true });
  }
  const feeds = [...snap.feeds].sort((a, b) => Number(b.screen) - Number(a.screen));
  const shown = new Set(feeds.map((f) => byFeed.get(f.feedId)?.entry.participantId));
  const mine = snap.roster.find((r) => r.participantId === me?.participantId);
  const feedTile = (f: RemoteFeed) => {
    const who = byFeed.get(f.feedId);
    return <Tile key={f.feedId} name={who?.entry.displayName ?? '…'} entry={who?.entry} stream={f.stream} screen={f.screen} video={f.video} />;
  };
  return (
    <div className="meeting-grid">
      {me && <Tile name={me.displayName} entry={mine} stream={snap.local} muted self video />}
      {snap.screen && me && <Tile name={me.displayName} stream={snap.screen} muted self screen video />}
      {feeds.map(feedTile)}
      {/* Participants without media (not yet published, or no Janus): a tile with their name. */}
      {snap.roster
        .filter((r) => r.participantId !== me?.participantId && !shown.has(r.participantId))
        .map((r) => (
          <Tile key={r.participantId} name={r.displayName} entry={r} stream={null} video={false} />
        ))}
    </div>
  );
}
