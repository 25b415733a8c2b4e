/**
 * The in-meeting controller, outside React: the live WebSocket (roster, chat, hands, host controls,
 * notices) and Janus (publish mic+camera, screen share, subscribe to the others' feeds with a client-side
 * last-N: video for the first N feeds, audio only beyond). The page renders its snapshot.
 */
import { gathered, JanusHandle, JanusSession } from './janus.ts';
import type { ClientMessage, EndReason, HostActionName, MediaAccess, RosterEntry, ServerMessage } from '@contracts/meeting';

export type Phase = 'lobby' | 'connecting' | 'joined' | 'ended' | 'kicked' | 'refused' | 'closed';

export interface ChatLine {
  id: number;
  from: { participantId: string; displayName: string };
  text: string;
  at: string;
  /** Set for a private message: the addressee. */
  to?: string;
}

export interface RemoteFeed {
  feedId: number;
  stream: MediaStream;
  video: boolean;
  screen: boolean;
}

export interface Settings {
  micId?: string;
  cameraId?: string;
  /** Height in pixels (the settings offer 360 and 720). */
  resolution: number;
  /** Video feeds received at once (the rest: audio only). */
  lastN: number;
}

export interface Snapshot {
  phase: Phase;
  me: { participantId: string; displayName: string; role: string; feedId: number; screenFeedId: number } | null;
  meeting: { id: string; roomName: string; endsAt: string | null; maxParticipants: number } | null;
  media: MediaAccess | null;
  mediaError: string | null;
  roster: RosterEntry[];
  chat: ChatLine[];
  feeds: RemoteFeed[];
  local: MediaStream | null;
  screen: MediaStream | null;
  audioMuted: boolean;
  videoMuted: boolean;
  handRaised: boolean;
  endReason: EndReason | null;
  refusal: { code: string; vi: string; en: string; reason: string } | null;
}

export type NoticeListener = (m: Extract<ServerMessage, { type: 'notice' | 'error' }>) => void;

export class MeetingRoom {
  private ws: WebSocket | null = null;
  private janus: JanusSession | null = null;
  private publisher: { handle: JanusHandle; pc: RTCPeerConnection } | null = null;
  private sharer: { handle: JanusHandle; pc: RTCPeerConnection } | null = null;
  private readonly subscriptions = new Map<number, { handle: JanusHandle; pc: RTCPeerConnection }>();
  private listeners = new Set<() => void>();
  private noticeListeners = new Set<NoticeListener>();
  private chatSeq = 0;
  private ping: number | undefined;
  settings: Settings = { resolution: 360, lastN: 9 };
  snap: Snapshot = {
    phase: 'lobby', me: null, meeting: null, media: null, mediaError: null, roster: [], chat: [], feeds: [], local: null, screen: null,
    audioMuted: false, videoMuted: false, handRaised: false, endReason: null, refusal: null,
  };

  constructor(private readonly wsUrl: string) {
    (window as unknown as { __qldvMeeting?: unknown }).__qldvMeeting = this;
  }

  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => void this.listeners.delete(l);
  };
  getSnapshot = () => this.snap;
  onNotice(l: NoticeListener) {
    this.noticeListeners.add(l);
    return () => void this.noticeListeners.delete(l);
  }
  private set(patch: Partial<Snapshot>) {
    this.snap = { ...this.snap, ...patch };
    for (const l of this.listeners) l();
  }

  /** Every peer connection, labelled (the browser tests read their getStats()). */
  peerConnections(): { kind: 'publisher' | 'screen' | 'subscriber'; feedId?: number; pc: RTCPeerConnection }[] {
    return [
      ...(this.publisher ? [{ kind: 'publisher' as const, pc: this.publisher.pc }] : []),
      ...(this.sharer ? [{ kind: 'screen' as const, pc: this.sharer.pc }] : []),
      ...[...this.subscriptions].map(([feedId, s]) => ({ kind: 'subscriber' as const, feedId, pc: s.pc })),
    ];
  }

  send(m: ClientMessage) {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(m));
  }

  /** Opens the WebSocket and says hello with the join token. */
  join(token: string) {
    this.set({ phase: 'connecting' });
    const ws = new WebSocket(this.wsUrl);
    this.ws = ws;
    ws.onopen = () => this.send({ type: 'hello', token });
    ws.onmessage = (ev) => this.onMessage(JSON.parse(String(ev.data)) as ServerMessage);
    ws.onclose = () => {
      window.clearInterval(this.ping);
      if (this.snap.phase === 'joined' || this.snap.phase === 'connecting') this.set({ phase: 'closed' });
      void this.stopMedia();
    };
    this.ping = window.setInterval(() => this.send({ type: 'ping' }), 25_000);
  }

  private upsert(p: RosterEntry) {
    const roster = this.snap.roster.filter((r) => r.participantId !== p.participantId);
    this.set({ roster: [...roster, p] });
    if (p.participantId === this.snap.me?.participantId) this.set({ audioMuted: p.audioMuted || p.hostMuted, handRaised: p.handRaised });
  }

  private onMessage(m: ServerMessage) {
    switch (m.type) {
      case 'welcome':
        this.set({ phase: 'joined', me: m.you, meeting: m.meeting, media: m.media, roster: m.roster });
        if (m.media.available) void this.startMedia(m.media).catch((err) => this.set({ mediaError: (err as Error).message }));
        return;
      case 'joined':
      case 'state':
        return this.upsert(m.participant);
      case 'left': {
        const gone = this.snap.roster.find((r) => r.participantId === m.participantId);
        if (gone) for (const feed of [gone.feedId, gone.screenFeedId]) void this.unsubscribe(feed);
        return this.set({ roster: this.snap.roster.filter((r) => r.participantId !== m.participantId) });
      }
      case 'chat':
      case 'private':
        return this.set({ chat: [...this.snap.chat, { id: ++this.chatSeq, from: m.from, text: m.text, at: m.at, ...(m.type === 'private' ? { to: m.to } : {}) }].slice(-500) });
      case 'notice':
        if (m.kind === 'muted_by_host') this.applyMic(true);
        if (m.kind === 'kicked') this.set({ phase: 'kicked' });
        for (const l of this.noticeListeners) l(m);
        return;
      case 'ended':
        this.set({ phase: 'ended', endReason: m.reason });
        void this.stopMedia();
        return;
      case 'error':
        if (m.code === 'JOIN_REFUSED' || m.code === 'ROOM_FULL' || m.code === 'MEETING_ENDED') this.set({ phase: 'refused', refusal: { code: m.refusal?.code ?? m.code, vi: m.refusal?.vi ?? '', en: m.refusal?.en ?? '', reason: m.reason } });
        for (const l of this.noticeListeners) l(m);
        return;
    }
  }

  // ---- media ----

  private async localMedia(): Promise<MediaStream> {
    const { micId, cameraId, resolution } = this.settings;
    const video = { width: { ideal: (resolution * 16) / 9 }, height: { ideal: resolution }, ...(cameraId ? { deviceId: { exact: cameraId } } : {}) };
    const audio = micId ? { deviceId: { exact: micId } } : true;
    try {
      return await navigator.mediaDevices.getUserMedia({ audio, video });
    } catch {
      // No camera (or refused): the microphone alone, else nothing.
      return navigator.mediaDevices.getUserMedia({ audio }).catch(() => new MediaStream());
    }
  }

  private async startMedia(media: MediaAccess) {
    const janus = new JanusSession(media.url!, media.ticket, (why) => this.set({ mediaError: why }));
    this.janus = janus;
    await janus.create();
    const me = this.snap.me!;
    const handle = await janus.attach((e) => this.onPublisherEvent(e.data));
    const joined = await handle.send({ request: 'join', ptype: 'publisher', room: media.room, id: me.feedId, display: me.displayName, ...(media.pin ? { pin: media.pin } : {}) });
    const local = await this.localMedia();
    this.set({ local });
    const pc = new RTCPeerConnection({ iceServers: [] });
    // Audio first, video second: the server mutes mid 0.
    const audio = local.getAudioTracks()[0];
    const video = local.getVideoTracks()[0];
    pc.addTransceiver(audio ?? 'audio', { direction: audio ? 'sendonly' : 'inactive', streams: [local] });
    pc.addTransceiver(video ?? 'video', { direction: video ? 'sendonly' : 'inactive', streams: [local] });
    if (audio) audio.enabled = !this.snap.audioMuted;
    if (video) video.enabled = !this.snap.videoMuted;
    await pc.setLocalDescription(await pc.createOffer());
    const answer = await handle.send({ request: 'publish' }, await gathered(pc));
    await pc.setRemoteDescription(answer.jsep!);
    this.publisher = { handle, pc };
    for (const p of (joined.data.publishers ?? []) as { id: number }[]) void this.subscribeTo(p.id);
  }

  private onPublisherEvent(data: Record<string, any>) {
    for (const p of (data.publishers ?? []) as { id: number }[]) void this.subscribeTo(p.id);
    // A feed that stops: unpublished, its publisher left, or the host removed them.
    for (const gone of [data.unpublished, data.leaving, data.kicked]) if (typeof gone === 'number') void this.unsubscribe(gone);
  }

  private async subscribeTo(feedId: number) {
    const me = this.snap.me;
    const media = this.snap.media;
    if (!this.janus || !media || !me || feedId === me.feedId || feedId === me.screenFeedId || this.subscriptions.has(feedId)) return;
    const screen = feedId % 2 === 1;
    const videos = this.snap.feeds.filter((f) => f.video).length;
    const withVideo = screen || videos < this.settings.lastN;
    const stream = new MediaStream();
    const pc = new RTCPeerConnection({ iceServers: [] });
    const handle = await this.janus.attach((e) => {
      if (e.data.videoroom === 'hangup' || e.data.videoroom === 'detached') void this.unsubscribe(feedId);
    });
    this.subscriptions.set(feedId, { handle, pc });
    pc.ontrack = (ev) => {
      stream.addTrack(ev.track);
      this.set({ feeds: [...this.snap.feeds.filter((f) => f.feedId !== feedId), { feedId, stream, video: withVideo, screen }] });
    };
    try {
      const offer = await handle.send({ request: 'join', ptype: 'subscriber', room: media.room, streams: withVideo ? [{ feed: feedId }] : [{ feed: feedId, mid: '0' }], ...(media.pin ? { pin: media.pin } : {}) });
      await pc.setRemoteDescription(offer.jsep!);
      await pc.setLocalDescription(await pc.createAnswer());
      await handle.send({ request: 'start' }, await gathered(pc));
    } catch (err) {
      this.subscriptions.delete(feedId);
      pc.close();
      await handle.detach();
      console.warn('subscription failed', feedId, err);
    }
  }

  private async unsubscribe(feedId: number) {
    const s = this.subscriptions.get(feedId);
    if (!s) return;
    this.subscriptions.delete(feedId);
    s.pc.close();
    this.set({ feeds: this.snap.feeds.filter((f) => f.feedId !== feedId) });
    await s.handle.detach();
  }

  private async stopMedia() {
    for (const id of [...this.subscriptions.keys()]) await this.unsubscribe(id);
    this.publisher?.pc.close();
    this.sharer?.pc.close();
    this.publisher = this.sharer = null;
    for (const t of [...(this.snap.local?.getTracks() ?? []), ...(this.snap.screen?.getTracks() ?? [])]) t.stop();
    await this.janus?.destroy();
    this.janus = null;
  }

  // ---- controls ----

  private applyMic(muted: boolean) {
    for (const t of this.snap.local?.getAudioTracks() ?? []) t.enabled = !muted;
    this.set({ audioMuted: muted });
  }

  toggleMic() {
    const muted = !this.snap.audioMuted;
    const me = this.snap.roster.find((r) => r.participantId === this.snap.me?.participantId);
    if (!muted && me?.hostMuted) {
      for (const l of this.noticeListeners) l({ type: 'error', code: 'MUTED_BY_HOST', reason: 'the host has muted you' });
      return;
    }
    this.applyMic(muted);
    this.send({ type: 'media', audioMuted: muted });
  }

  toggleCamera() {
    const muted = !this.snap.videoMuted;
    for (const t of this.snap.local?.getVideoTracks() ?? []) t.enabled = !muted;
    this.set({ videoMuted: muted });
    this.send({ type: 'media', videoMuted: muted });
  }

  toggleHand() {
    this.send({ type: 'hand', raised: !this.snap.handRaised });
  }

  chat(text: string, to?: string) {
    this.send(to ? { type: 'private', to, text } : { type: 'chat', text });
  }

  host(action: HostActionName, target?: string) {
    this.send({ type: 'host', action, ...(target ? { target } : {}) });
  }

  notice(text: string) {
    this.send({ type: 'notice', text });
  }

  async startShare() {
    const me = this.snap.me;
    const media = this.snap.media;
    if (!this.janus || !me || !media || this.sharer) return;
    const screen = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
    const track = screen.getVideoTracks()[0];
    track.addEventListener('ended', () => void this.stopShare());
    const handle = await this.janus.attach(() => {});
    await handle.send({ request: 'join', ptype: 'publisher', room: media.room, id: me.screenFeedId, display: `${me.displayName} (screen)`, ...(media.pin ? { pin: media.pin } : {}) });
    const pc = new RTCPeerConnection({ iceServers: [] });
    pc.addTransceiver(track, { direction: 'sendonly', streams: [screen] });
    await pc.setLocalDescription(await pc.createOffer());
    const answer = await handle.send({ request: 'publish' }, await gathered(pc));
    await pc.setRemoteDescription(answer.jsep!);
    this.sharer = { handle, pc };
    this.set({ screen });
    this.send({ type: 'media', screen: true });
  }

  async stopShare() {
    const s = this.sharer;
    if (!s) return;
    this.sharer = null;
    s.pc.close();
    await s.handle.send({ request: 'leave' }).catch(() => {});
    await s.handle.detach();
    for (const t of this.snap.screen?.getTracks() ?? []) t.stop();
    this.set({ screen: null });
    this.send({ type: 'media', screen: false });
  }

  /** New devices or resolution: the camera and microphone tracks are replaced without renegotiating. */
  async applySettings(next: Settings) {
    this.settings = next;
    if (!this.publisher || !this.snap.local) return;
    const fresh = await this.localMedia();
    for (const sender of this.publisher.pc.getSenders()) {
      const kind = sender.track?.kind;
      const track = kind === 'audio' ? fresh.getAudioTracks()[0] : kind === 'video' ? fresh.getVideoTracks()[0] : undefined;
      if (!track) continue;
      track.enabled = kind === 'audio' ? !this.snap.audioMuted : !this.snap.videoMuted;
      await sender.replaceTrack(track);
    }
    for (const t of this.snap.local.getTracks()) t.stop();
    this.set({ local: fresh });
  }

  async leave() {
    this.send({ type: 'leave' });
    this.set({ phase: 'closed' });
    await this.stopMedia();
    this.ws?.close();
  }
}
