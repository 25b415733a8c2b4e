/**
 * The live hub without media: real WebSocket clients against the whole system (fake control plane,
 * fixed clock). Chat, private chat, hands, host controls, refusals, bad frames, the trial cap; on
 * PostgreSQL also two processes sharing the database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE_WS_PATH } from '../../src/modules/meeting/contract.ts';
import { issueTicket, mediaTicketSecret } from '../../src/modules/meeting/live/ticket.ts';
import { driver, freshDatabaseUrl, noDatabase } from '../system.ts';
import { startLiveSystem, type LiveTestSystem } from './live-system.ts';
import { LiveClient } from './ws-client.ts';

describe.skipIf(noDatabase)(`meeting live hub (${driver})`, () => {
  let sys: LiveTestSystem;
  let other: LiveTestSystem | undefined;
  const clients: LiveClient[] = [];
  const join = async (token: string, via = sys) => {
    const c = await LiveClient.join(via.wsUrl, token);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    const databaseUrl = await freshDatabaseUrl();
    sys = await startLiveSystem({ databaseUrl });
    // A second process of the same deployment (PostgreSQL only: PGlite is one process).
    if (databaseUrl) other = await startLiveSystem({ databaseUrl, clock: sys.clock, directory: sys.directory });
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await other?.close();
    await sys?.close();
  });

  it('runs a meeting: seats, chat, private chat, hands, host controls, kick', async () => {
    const d = sys.directory;
    const meetingId = 'm-main';
    const host = await join(d.mint({ meetingId, displayName: 'Chủ trì Hà', role: 'host', maxParticipants: 4 }));
    const a = await join(d.mint({ meetingId, displayName: 'An', maxParticipants: 4 }), other ?? sys);
    const b = await join(d.mint({ meetingId, displayName: 'Bình', maxParticipants: 4 }));
    const g = await join(d.mint({ meetingId, displayName: 'Khách Giang', role: 'guest', maxParticipants: 4 }), other ?? sys);
    const ids = Object.fromEntries(
      await Promise.all(
        [['host', host], ['a', a], ['b', b], ['g', g]].map(async ([k, c]) => [k, (await (c as LiveClient).next((f) => f.type === 'joined' && f.participant.displayName === { host: 'Chủ trì Hà', a: 'An', b: 'Bình', g: 'Khách Giang' }[k as string])).participant.participantId]),
      ),
    ) as Record<'host' | 'a' | 'b' | 'g', string>;

    // Without Janus, media is off with the install hint; chat still works.
    const fresh = await LiveClient.open(sys.wsUrl);
    clients.push(fresh);
    fresh.send({ type: 'chat', text: 'sớm quá' });
    expect(await fresh.next((f) => f.type === 'error')).toMatchObject({ code: 'HELLO_FIRST' });
    fresh.send({ type: 'hello', token: d.mint({ meetingId, displayName: 'Người thứ năm', maxParticipants: 4 }) });
    expect(await fresh.next((f) => f.type === 'error')).toMatchObject({ code: 'ROOM_FULL' });
    expect((await fresh.waitClosed()).code).toBe(4003);

    const refused = await LiveClient.open(sys.wsUrl);
    clients.push(refused);
    refused.send({ type: 'hello', token: 'not-a-real-token' });
    expect(await refused.next((f) => f.type === 'error')).toMatchObject({ code: 'JOIN_REFUSED', refusal: { code: 'NOT_FOUND', vi: expect.stringContaining('mã tham gia') } });

    // Group chat reaches everyone, on both processes, with the sender's name.
    a.send({ type: 'chat', text: 'Chào mọi người' });
    for (const c of [host, a, b, g]) expect(await c.next((f) => f.type === 'chat')).toMatchObject({ from: { participantId: ids.a, displayName: 'An' }, text: 'Chào mọi người' });

    // Private chat: the addressee and the sender only.
    a.send({ type: 'private', to: ids.b, text: 'Riêng Bình thôi' });
    expect(await b.next((f) => f.type === 'private')).toMatchObject({ from: { participantId: ids.a }, to: ids.b, text: 'Riêng Bình thôi' });
    expect(await a.next((f) => f.type === 'private')).toMatchObject({ to: ids.b });
    a.send({ type: 'private', to: 'nobody', text: 'x' });
    expect(await a.next((f) => f.type === 'error')).toMatchObject({ code: 'NO_SUCH_PARTICIPANT' });

    // Raise hand.
    g.send({ type: 'hand', raised: true });
    for (const c of [host, a, b]) expect(await c.next((f) => f.type === 'state' && f.participant.participantId === ids.g)).toMatchObject({ participant: { handRaised: true } });
    expect(host.has((f) => f.type === 'private') || g.has((f) => f.type === 'private')).toBe(false);

    // Host controls are the host's.
    a.send({ type: 'host', action: 'mute_all' });
    expect(await a.next((f) => f.type === 'error')).toMatchObject({ code: 'NOT_HOST' });
    host.send({ type: 'host', action: 'kick', target: ids.host });
    expect(await host.next((f) => f.type === 'error')).toMatchObject({ code: 'CANNOT_TARGET_SELF' });

    // Mute all except Bình: An and Giang muted by the host, and cannot unmute themselves.
    host.send({ type: 'host', action: 'mute_all_except', target: ids.b });
    expect(await a.next((f) => f.type === 'notice' && f.kind === 'muted_by_host')).toMatchObject({ by: 'Chủ trì Hà' });
    expect(await g.next((f) => f.type === 'notice' && f.kind === 'muted_by_host')).toBeTruthy();
    const mutedA = await b.next((f) => f.type === 'state' && f.participant.participantId === ids.a && f.participant.hostMuted);
    expect(mutedA.participant).toMatchObject({ audioMuted: true, hostMuted: true });
    a.send({ type: 'media', audioMuted: false });
    expect(await a.next((f) => f.type === 'error')).toMatchObject({ code: 'MUTED_BY_HOST' });
    expect(b.has((f) => f.type === 'notice' && f.kind === 'muted_by_host')).toBe(false);
    b.send({ type: 'media', videoMuted: true });
    expect(await host.next((f) => f.type === 'state' && f.participant.participantId === ids.b && f.participant.videoMuted)).toBeTruthy();
    expect(await sys.system.meetingLive.live.participants(meetingId)).toEqual(
      expect.arrayContaining([expect.objectContaining({ participantId: ids.a, audioMuted: true }), expect.objectContaining({ participantId: ids.b, audioMuted: false, videoMuted: true })]),
    );

    // The host lets An speak again.
    host.send({ type: 'host', action: 'allow_unmute', target: ids.a });
    expect(await a.next((f) => f.type === 'notice' && f.kind === 'unmuted_by_host')).toBeTruthy();
    a.send({ type: 'media', audioMuted: false });
    expect(await host.next((f) => f.type === 'state' && f.participant.participantId === ids.a && !f.participant.audioMuted && !f.participant.hostMuted)).toBeTruthy();

    // Host notice.
    host.send({ type: 'notice', text: 'Họp kết thúc lúc 10h' });
    expect(await g.next((f) => f.type === 'notice' && f.kind === 'host')).toMatchObject({ text: 'Họp kết thúc lúc 10h', by: 'Chủ trì Hà' });

    // Kick Giang: told, disconnected, the others see the leave, the control plane records it.
    host.send({ type: 'host', action: 'kick', target: ids.g });
    expect(await g.next((f) => f.type === 'notice' && f.kind === 'kicked')).toBeTruthy();
    expect((await g.waitClosed()).code).toBe(4004);
    expect(await b.next((f) => f.type === 'left' && f.participantId === ids.g)).toMatchObject({ reason: 'kicked' });
    await expect.poll(() => d.calls.filter((c) => c.id === ids.g).map((c) => c.reason ?? c.kind)).toEqual(['joined', 'kicked']);
    expect((await sys.system.meetingLive.live.participants(meetingId)).map((p) => p.displayName).sort()).toEqual(['An', 'Bình', 'Chủ trì Hà']);

    // The API ends the meeting: everyone told and disconnected.
    await sys.system.meetingLive.live.end(meetingId, 'api');
    for (const c of [host, a, b]) {
      expect(await c.next((f) => f.type === 'ended')).toMatchObject({ reason: 'api' });
      expect((await c.waitClosed()).code).toBe(4004);
    }
    await expect.poll(() => d.calls.filter((c) => c.kind === 'ended' && c.id === meetingId).map((c) => c.reason)).toEqual(['api']);
    expect(await sys.system.meetingLive.live.participants(meetingId)).toEqual([]);
  });

  it('answers bad frames with an error and keeps the connection', async () => {
    const c = await join(sys.directory.mint({ meetingId: 'm-frames', displayName: 'Thử' }));
    c.send('garbage');
    expect(await c.next((f) => f.type === 'error')).toMatchObject({ code: 'BAD_MESSAGE' });
    c.send(JSON.stringify({ type: 'chat', text: 'x'.repeat(9000) }));
    expect(await c.next((f) => f.type === 'error')).toMatchObject({ code: 'TOO_LARGE' });
    c.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await c.next((f) => f.type === 'error')).toMatchObject({ code: 'BAD_MESSAGE' });
    c.send({ type: 'hello', token: 'again-and-again' });
    expect(await c.next((f) => f.type === 'error')).toMatchObject({ code: 'ALREADY_JOINED' });
    for (let i = 0; i < 40; i++) c.send({ type: 'ping' });
    expect(await c.next((f) => f.type === 'error')).toMatchObject({ code: 'RATE_LIMITED' });
    expect(c.closed).toBeNull();
    await new Promise((r) => setTimeout(r, 1200));
    c.send({ type: 'ping' });
    expect(await c.next((f) => f.type === 'pong')).toBeTruthy();
    expect((await sys.system.meetingLive.live.mediaStatus())).toMatchObject({ available: false, hint: expect.stringContaining('apt-get install janus') });
  });

  it('has a path of its own: a plain GET answers 426, the old path (the JSON list of live rooms) no longer upgrades', async () => {
    expect(new URL(sys.wsUrl).pathname).toBe('/api/v1/meeting/live/ws');
    expect(LIVE_WS_PATH).toBe('/api/v1/meeting/live/ws');
    const plain = await fetch(`${sys.baseUrl}/api/v1/meeting/live/ws`);
    expect(plain.status).toBe(426);
    expect(plain.headers.get('upgrade')).toBe('websocket');
    expect((await plain.json()).error.code).toBe('WEBSOCKET_REQUIRED');
    await expect(LiveClient.open(sys.wsUrl.replace(/\/ws$/, ''))).rejects.toThrow();
    expect((await fetch(`${sys.baseUrl}/api/v1/meeting/live`)).status).toBe(401);
    const openapi = await (await fetch(`${sys.baseUrl}/openapi.json`)).json();
    expect(openapi.paths['/api/v1/meeting/live/ws'].get.summary).toContain("{type:'hello', token}");
  });

  it('media tickets expire on the injected clock, as the hub issues them', async () => {
    // The test clock stands months before the wall clock: a ticket still valid on it is long expired by Date.now().
    const ticket = issueTicket(mediaTicketSecret(sys.system.config.sessionSecret), { meetingId: 'm-ticket', participantId: 'p-ticket', feedId: 2, exp: sys.clock.now().getTime() + 60_000 });
    const create = (t: string) =>
      fetch(`${sys.baseUrl}/api/v1/meeting/media/janus`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-meeting-ticket': t }, body: JSON.stringify({ janus: 'create', transaction: 't1' }) });
    // Past the ticket check: refused only because this meeting has no media room.
    const valid = await create(ticket);
    expect(valid.status).toBe(410);
    expect((await valid.json()).error.reason).toBe('the meeting has no media room');
    // A signed-in member's page sends its session cookie along: the ticket is the proof, not the session (no CSRF refusal).
    const reg = await fetch(`${sys.baseUrl}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'meet.cookie', password: 'Hop@2026-trial', fullName: 'Ngô Văn Cường', email: 'meet.cookie@example.vn', phone: '0912345670' }),
    });
    expect(reg.status).toBe(201);
    const cookie = reg.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    expect(cookie).toContain('qldv_session=');
    const withCookie = await fetch(`${sys.baseUrl}/api/v1/meeting/media/janus`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-meeting-ticket': ticket, cookie },
      body: JSON.stringify({ janus: 'create', transaction: 't2' }),
    });
    expect(withCookie.status).toBe(410);
    sys.clock.advanceMinutes(2);
    const expired = await create(ticket);
    expect(expired.status).toBe(403);
    expect((await expired.json()).error.reason).toBe('media ticket missing, forged or expired');
  });

  it('ends a trial meeting at its cap, on the clock', async () => {
    const d = sys.directory;
    const meetingId = 'm-trial';
    const endsAt = new Date(sys.clock.now().getTime() + 40 * 60_000);
    const host = await join(d.mint({ meetingId, displayName: 'Chủ trì', role: 'host', endsAt }));
    const p = await join(d.mint({ meetingId, displayName: 'Dự', endsAt }), other ?? sys);
    sys.clock.advanceMinutes(30);
    await sys.system.meetingLive.tick();
    expect(p.has((f) => f.type === 'ended')).toBe(false);
    sys.clock.advanceMinutes(6);
    await sys.system.meetingLive.tick();
    await other?.system.meetingLive.tick();
    expect(await p.next((f) => f.type === 'notice' && f.kind === 'ending_soon')).toMatchObject({ text: endsAt.toISOString() });
    sys.clock.advanceMinutes(4);
    await (other ?? sys).system.meetingLive.tick();
    for (const c of [host, p]) {
      expect(await c.next((f) => f.type === 'ended')).toMatchObject({ reason: 'trial_cap' });
      await c.waitClosed();
    }
    await expect.poll(() => d.calls.filter((c) => c.kind === 'ended' && c.id === meetingId)).toEqual([{ kind: 'ended', id: meetingId, at: endsAt, reason: 'trial_cap' }]);
    // Nobody gets back in.
    const late = await LiveClient.open(sys.wsUrl);
    clients.push(late);
    late.send({ type: 'hello', token: d.mint({ meetingId: 'm-trial-2', displayName: 'Muộn', endsAt: sys.clock.now() }) });
    expect(await late.next((f) => f.type === 'error')).toMatchObject({ code: 'MEETING_ENDED' });
  });
});
