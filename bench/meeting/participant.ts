/**
 * One synthetic meeting participant: real WebRTC (werift: ICE, DTLS, SRTP in TypeScript, no browser, no
 * decoder) to Janus's VideoRoom over Janus's HTTP API. It publishes one Opus and one VP8 stream (the
 * pre-encoded clip, looped, packetized per RFC 7741; 20 ms Opus silence frames) and subscribes, on one
 * multistream peer connection, to the audio and video of the feeds it is given (its last-N). Received
 * video is reassembled into frames and checked (Vp8FrameCounter); audio packets are counted.
 */
import { MediaStreamTrack, RTCPeerConnection, RTCRtpCodecParameters, RtpHeader, RtpPacket, useSdesMid, type RTCRtpTransceiver } from 'werift';
import type { JanusHandle, JanusHttpSession } from './janus-http.ts';
import { RtpSequence, vp8Packetize, Vp8FrameCounter } from './vp8.ts';
import type { Clip } from './clip.ts';

/** Opus: a 20 ms silence frame (TOC 0xf8: CELT fullband 20 ms mono, code 0). */
const OPUS_SILENCE = Buffer.from([0xf8, 0xff, 0xfe]);

const codecs = () => ({
  audio: [new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48000, channels: 2 })],
  video: [
    new RTCRtpCodecParameters({
      mimeType: 'video/VP8',
      clockRate: 90000,
      rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }],
    }),
  ],
});

/** werift skips veth interfaces when it gathers: the bench names its address (BENCH_MEETING_CLIENT_IP, 10.99.0.2 in the namespace). */
const hostAddresses = (process.env.BENCH_MEETING_CLIENT_IP ?? '10.99.0.2').split(',');

function peer(): RTCPeerConnection {
  return new RTCPeerConnection({
    codecs: codecs(),
    headerExtensions: { audio: [useSdesMid()], video: [useSdesMid()] },
    iceUseIpv6: false,
    iceAdditionalHostAddresses: hostAddresses,
  } as any);
}

async function gathered(pc: RTCPeerConnection): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (pc.iceGatheringState !== 'complete' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

async function connected(pc: RTCPeerConnection, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (pc.connectionState !== 'connected') {
    if (pc.connectionState === 'failed' || pc.connectionState === 'closed') throw new Error(`${what}: ${pc.connectionState}`);
    if (Date.now() > deadline) throw new Error(`${what}: not connected within 30 s (${pc.connectionState})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface LinkCounters {
  feed: number;
  kind: 'audio' | 'video';
  packets: number;
  lost: number;
  frames: number;
  keyFrames: number;
  badFrames: number;
  width: number;
  height: number;
}

export class SyntheticParticipant {
  feedId = 0;
  private pubHandle!: JanusHandle;
  private pub!: RTCPeerConnection;
  private audio!: MediaStreamTrack;
  private video!: MediaStreamTrack;
  private subHandle: JanusHandle | null = null;
  private sub: RTCPeerConnection | null = null;
  private links: { counters: () => LinkCounters }[] = [];
  subscribedTo: number[] = [];

  // Sending state.
  private frame = 0;
  private pictureId = Math.floor(Math.random() * 0x7fff);
  private vSeq = Math.floor(Math.random() * 0xffff);
  private aSeq = Math.floor(Math.random() * 0xffff);
  private vTs = Math.floor(Math.random() * 0xffffffff);
  private aTs = Math.floor(Math.random() * 0xffffffff);
  nextVideoAt = 0;
  nextAudioAt = 0;
  framesSent = 0;
  audioSent = 0;
  /** RTP packets sent, audio and video. */
  packetsSent = 0;
  keyFrameRequests = 0;

  constructor(
    private readonly session: JanusHttpSession,
    private readonly room: { room: number; pin: string },
    readonly display: string,
    private readonly clip: Clip,
  ) {}

  /** Joins as a publisher and publishes audio+video; resolves once the peer connection is up. */
  async publish(): Promise<void> {
    this.pubHandle = await this.session.attach();
    const joined = await this.pubHandle.request({ request: 'join', ptype: 'publisher', room: this.room.room, pin: this.room.pin, display: this.display });
    this.feedId = joined.data.id;
    this.pub = peer();
    this.audio = new MediaStreamTrack({ kind: 'audio' });
    this.video = new MediaStreamTrack({ kind: 'video' });
    this.pub.addTransceiver(this.audio, { direction: 'sendonly' });
    const vt = this.pub.addTransceiver(this.video, { direction: 'sendonly' });
    // Janus asks for a key frame (PLI/FIR) when a subscriber arrives: restart the clip, which opens with one.
    (vt.sender as any).onPictureLossIndication?.subscribe?.(() => {
      this.keyFrameRequests++;
      this.frame = 0;
    });
    await this.pub.setLocalDescription(await this.pub.createOffer());
    await gathered(this.pub);
    const r = await this.pubHandle.request({ request: 'publish', audio: true, video: true, display: this.display }, { type: 'offer', sdp: this.pub.localDescription!.sdp, trickle: false });
    if (!r.jsep) throw new Error('Janus answered the publish without SDP');
    await this.pub.setRemoteDescription(r.jsep as any);
    await connected(this.pub, `${this.display} publisher`);
    const now = performance.now();
    this.nextAudioAt = now;
    this.nextVideoAt = now;
  }

  /** Sends what is due at `now` (ms): 20 ms audio frames, video frames at the clip's rate. Far behind: skips ahead. */
  pump(now: number): void {
    if (now - this.nextAudioAt > 200) this.nextAudioAt = now;
    while (this.nextAudioAt <= now) {
      this.aSeq = (this.aSeq + 1) & 0xffff;
      this.aTs = (this.aTs + 960) >>> 0;
      this.audio.writeRtp(new RtpPacket(new RtpHeader({ sequenceNumber: this.aSeq, timestamp: this.aTs, payloadType: 111, marker: false } as any), OPUS_SILENCE));
      this.audioSent++;
      this.packetsSent++;
      this.nextAudioAt += 20;
    }
    const interval = 1000 / this.clip.fps;
    if (now - this.nextVideoAt > 10 * interval) this.nextVideoAt = now;
    while (this.nextVideoAt <= now) {
      const frame = this.clip.frames[this.frame];
      this.frame = (this.frame + 1) % this.clip.frames.length;
      this.vTs = (this.vTs + Math.round(90000 / this.clip.fps)) >>> 0;
      this.pictureId = (this.pictureId + 1) & 0x7fff;
      const payloads = vp8Packetize(frame, this.pictureId);
      payloads.forEach((payload, i) => {
        this.vSeq = (this.vSeq + 1) & 0xffff;
        const header = new RtpHeader({ sequenceNumber: this.vSeq, timestamp: this.vTs, payloadType: 96, marker: i === payloads.length - 1 } as any);
        this.video.writeRtp(new RtpPacket(header, payload));
        this.packetsSent++;
      });
      this.framesSent++;
      this.nextVideoAt += interval;
    }
  }

  /** (Re)subscribes to the audio and video of `feeds` on one peer connection; resolves once it is up. */
  async subscribe(feeds: number[]): Promise<void> {
    await this.unsubscribe();
    this.subscribedTo = feeds;
    if (!feeds.length) return;
    const handle = await this.session.attach();
    this.subHandle = handle;
    const r = await handle.request({ request: 'join', ptype: 'subscriber', room: this.room.room, pin: this.room.pin, streams: feeds.map((feed) => ({ feed })) });
    if (!r.jsep) throw new Error('Janus offered no SDP to the subscriber');
    const byMid = new Map<string, { feed: number; type: string }>();
    for (const s of r.data.streams ?? []) byMid.set(String(s.mid), { feed: s.feed_id, type: s.type });
    const pc = peer();
    this.sub = pc;
    const links: { counters: () => LinkCounters }[] = [];
    this.links = links;
    const expected = { width: this.clip.width, height: this.clip.height };
    const onTransceiver = (t: RTCRtpTransceiver, track: MediaStreamTrack) => {
      const info = byMid.get(String(t.mid));
      if (!info || links.some((l) => (l as any).mid === t.mid)) return;
      if (track.kind === 'video') {
        const counter = new Vp8FrameCounter(expected);
        track.onReceiveRtp.subscribe((rtp: RtpPacket) =>
          counter.push({ sequenceNumber: rtp.header.sequenceNumber, timestamp: rtp.header.timestamp, marker: rtp.header.marker, payload: rtp.payload }),
        );
        links.push({ mid: t.mid, counters: () => ({ feed: info.feed, kind: 'video', ...counter.stats }) } as any);
      } else {
        const seq = new RtpSequence();
        let packets = 0;
        track.onReceiveRtp.subscribe((rtp: RtpPacket) => {
          packets++;
          seq.push(rtp.header.sequenceNumber);
        });
        links.push({ mid: t.mid, counters: () => ({ feed: info.feed, kind: 'audio', packets, lost: seq.lost, frames: 0, keyFrames: 0, badFrames: 0, width: 0, height: 0 }) } as any);
      }
    };
    pc.onTrack.subscribe((track: MediaStreamTrack) => {
      const t = pc.getTransceivers().find((x) => x.receiver.tracks.includes(track));
      if (t) onTransceiver(t, track);
    });
    await pc.setRemoteDescription(r.jsep as any);
    await pc.setLocalDescription(await pc.createAnswer());
    await gathered(pc);
    await handle.request({ request: 'start' }, { type: 'answer', sdp: pc.localDescription!.sdp, trickle: false });
    await connected(pc, `${this.display} subscriber`);
  }

  async unsubscribe(): Promise<void> {
    const h = this.subHandle;
    const pc = this.sub;
    this.subHandle = null;
    this.sub = null;
    this.links = [];
    this.subscribedTo = [];
    if (h) {
      await h.request({ request: 'leave' }).catch(() => {});
      await h.detach();
    }
    if (pc) await pc.close().catch(() => {});
  }

  counters(): LinkCounters[] {
    return this.links.map((l) => l.counters());
  }

  async leave(): Promise<void> {
    await this.unsubscribe();
    await this.pubHandle?.request({ request: 'leave' }).catch(() => {});
    await this.pubHandle?.detach();
    await this.pub?.close().catch(() => {});
  }
}
