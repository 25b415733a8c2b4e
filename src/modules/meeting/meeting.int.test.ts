import { createHmac } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, noDatabase, type TestSystem } from '../../../test/system.ts';
import { systemCtx } from '../../platform/context.ts';
import type { EndReason, LiveMeetings, LiveParticipant } from './index.ts';

/** Mon 02/03/2026 09:00 in Hà Nội. */
const START = '2026-03-02T02:00:00Z';

/**
 * Issue #13 (control plane): a Meeting contract for 5 rooms activated → the organisation exists with
 * quota 5 → its administrator creates 5 rooms → the 6th is refused → an appendix to 10 rooms raises the
 * quota; suspension refuses and ends live meetings; join tokens, guests, webhooks, API keys, scope.
 */
describe.skipIf(noDatabase)('MobiFone Meeting: organisations, rooms, meetings, joins, API', () => {
  let s: TestSystem;
  const t: Record<string, string> = {};
  let enterpriseId: string;
  let contractId: string;
  const rooms: string[] = [];
  const ended: { meetingId: string; reason: EndReason }[] = [];
  const inRoom = new Map<string, LiveParticipant[]>();
  /** The live layer as the control plane sees it: records what it is told. */
  const live: LiveMeetings = {
    async end(meetingId, reason) {
      ended.push({ meetingId, reason });
    },
    async participants(meetingId) {
      return inRoom.get(meetingId) ?? [];
    },
    async mediaStatus() {
      return { available: true, instances: [{ url: 'ws://127.0.0.1:8188', up: true }] };
    },
  };
  // A webhook receiver that fails its first call, then accepts.
  const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
  let hookServer: HttpServer;
  let hookUrl: string;

  const get = (who: string, url: string) => s.http('GET', url, { token: t[who] });
  const post = (who: string, url: string, body: unknown = {}) => s.http('POST', url, { token: t[who], body });
  const pay = (id: string, ref: string, amountVnd: string, amendmentId?: string) =>
    s.contracts.confirmPayment(systemCtx('vnpay'), id, { paymentRef: ref, amountVnd: BigInt(amountVnd), paidAt: s.clock.now(), amendmentId });
  const later = async (minutes: number) => {
    s.clock.set(new Date(s.clock.now().getTime() + minutes * 60_000));
    await s.jobs.drain();
  };

  beforeAll(async () => {
    hookServer = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.statusCode = received.length === 1 ? 500 : 200;
        res.end();
      });
    });
    await new Promise<void>((r) => hookServer.listen(0, '127.0.0.1', () => r()));
    hookUrl = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/hooks/meeting`;
    s = await createTestSystem({ now: START });
    s.meeting.attachLive(live);
    for (const u of ['am1', 'approver.ctkv1', 'approver.ttcntt', 'ops1', 'customer1', 'enterprise1']) t[u] = await s.login(u);
    enterpriseId = (await get('enterprise1', '/api/v1/me')).body.user.customer.id;
  });
  afterAll(async () => {
    await s?.close();
    hookServer?.close();
  });

  it('a Meeting contract for 5 rooms, once active, provisions the organisation with quota 5; the contract shows it', async () => {
    expect((await get('enterprise1', '/api/v1/meeting/org')).body.error.code).toBe('NO_ORGANISATION');
    const d = await post('am1', '/api/v1/contracts', { customerId: enterpriseId, product: 'MEETING', quantity: 5, periodMonths: 12, signedDate: '2026-03-02' });
    contractId = d.body.id;
    await post('am1', `/api/v1/contracts/${contractId}/submit`);
    await pay(contractId, 'VNP-MEET-1', d.body.totalVnd);
    await post('approver.ctkv1', `/api/v1/contracts/${contractId}/approve`);
    expect((await post('approver.ttcntt', `/api/v1/contracts/${contractId}/approve`)).body.status).toBe('provisioning');
    await s.jobs.drain(); // the provisioning job calls Meeting's port

    const org = await get('enterprise1', '/api/v1/meeting/org');
    expect(org.status, JSON.stringify(org.body)).toBe(200);
    expect(org.body).toMatchObject({ roomQuota: 5, roomsUsed: 0, trial: false, status: 'active', role: 'admin', contractId, media: { available: true } });
    const contract = await get('enterprise1', `/api/v1/contracts/${contractId}`);
    expect(contract.body).toMatchObject({ status: 'active', service: { status: 'ready', accountRef: `meeting:${org.body.id}`, accessUrl: `${s.config.publicBaseUrl}/meeting` } });
  });

  it('the administrator creates 5 rooms; the 6th is refused with ROOM_QUOTA_EXCEEDED', async () => {
    for (let i = 1; i <= 5; i++) {
      const r = await post('enterprise1', '/api/v1/meeting/rooms', { name: `Phòng ${i}` });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      rooms.push(r.body.id);
    }
    const sixth = await post('enterprise1', '/api/v1/meeting/rooms', { name: 'Phòng 6' });
    expect(sixth.status).toBe(409);
    expect(sixth.body.error.code).toBe('ROOM_QUOTA_EXCEEDED');
    expect((await get('enterprise1', '/api/v1/meeting/org')).body).toMatchObject({ roomQuota: 5, roomsUsed: 5 });
  });

  it('the quota holds under concurrency: of three requests for the last free room, one wins', async () => {
    expect((await s.http('DELETE', `/api/v1/meeting/rooms/${rooms.pop()}`, { token: t.enterprise1 })).status).toBe(200);
    const results = await Promise.all([1, 2, 3].map((i) => post('enterprise1', '/api/v1/meeting/rooms', { name: `Đua ${i}` })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    rooms.push(results.find((r) => r.status === 201)!.body.id);
    expect((await get('enterprise1', '/api/v1/meeting/org')).body.roomsUsed).toBe(5);
  });

  it('an appendix to 10 rooms raises the quota', async () => {
    const created = await post('am1', `/api/v1/contracts/${contractId}/amendments`, { kind: 'upgrade', quantity: 10, changeDate: '2026-03-02' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await pay(contractId, 'VNP-MEET-APX', created.body.payableVnd, created.body.id);
    const done = await post('ops1', `/api/v1/amendments/${created.body.id}/complete`);
    expect(done.body.quantity).toBe(10);
    expect((await get('enterprise1', '/api/v1/meeting/org')).body).toMatchObject({ roomQuota: 10, roomsUsed: 5 });
    const sixth = await post('enterprise1', '/api/v1/meeting/rooms', { name: 'Phòng 6' });
    expect(sixth.status).toBe(201);
    rooms.push(sixth.body.id);
  });

  it('accounts, units and a fixed room: only the listed unit and users may join it', async () => {
    const unit = await post('enterprise1', '/api/v1/meeting/units', { name: 'Phòng Kinh doanh' });
    expect(unit.status).toBe(201);
    const lan = await post('enterprise1', '/api/v1/meeting/accounts', { username: 'saomai.lan', password: 'Lan@2026-meeting', fullName: 'Trần Thị Lan', email: 'lan@saomai.vn', role: 'member', unitId: unit.body.id });
    expect(lan.status, JSON.stringify(lan.body)).toBe(201);
    const minh = await post('enterprise1', '/api/v1/meeting/accounts', { username: 'saomai.minh', password: 'Minh@2026-meeting', fullName: 'Lê Văn Minh', email: 'minh@saomai.vn' });
    expect(minh.body).toMatchObject({ role: 'member', unitId: null });
    t.lan = await s.login('saomai.lan', 'Lan@2026-meeting');
    t.minh = await s.login('saomai.minh', 'Minh@2026-meeting');
    // members may not manage the organisation
    expect((await post('lan', '/api/v1/meeting/units', { name: 'X' })).body.error.code).toBe('ORG_ADMIN_ONLY');

    const board = await post('enterprise1', '/api/v1/meeting/rooms', { name: 'Phòng họp HĐQT', fixed: true, allowedUnitIds: [unit.body.id], maxParticipants: 2 });
    expect(board.status, JSON.stringify(board.body)).toBe(201);
    rooms.push(board.body.id);
    const m = await post('enterprise1', '/api/v1/meeting/meetings', { roomId: board.body.id, title: 'Họp HĐQT' });
    expect(m.status, JSON.stringify(m.body)).toBe(201);
    expect((await post('minh', `/api/v1/meeting/meetings/${m.body.id}/join`)).body.error.code).toBe('ROOM_NOT_ALLOWED');
    expect((await post('lan', `/api/v1/meeting/meetings/${m.body.id}/join`)).status).toBe(200);
    expect((await get('minh', '/api/v1/meeting/rooms')).body.items.some((r: { id: string }) => r.id === board.body.id)).toBe(false);
    // the room holds 2: a third join is refused while two tokens are outstanding
    expect((await post('enterprise1', `/api/v1/meeting/meetings/${m.body.id}/join`)).status).toBe(200);
    expect((await post('enterprise1', `/api/v1/meeting/meetings/${m.body.id}/join`)).body.error.code).toBe('ROOM_FULL');
    // an admin gives Minh access by name
    const patched = await s.http('PATCH', `/api/v1/meeting/rooms/${board.body.id}`, { token: t.enterprise1, body: { allowedUserIds: [minh.body.userId] } });
    expect(patched.body.allowedUserIds).toEqual([minh.body.userId]);
    // edit, then remove an account
    const edited = await s.http('PATCH', `/api/v1/meeting/accounts/${minh.body.userId}`, { token: t.enterprise1, body: { fullName: 'Lê Văn Minh (KD)', unitId: unit.body.id } });
    expect(edited.body).toMatchObject({ fullName: 'Lê Văn Minh (KD)', unitId: unit.body.id });
    expect((await s.http('DELETE', `/api/v1/meeting/units/${unit.body.id}`, { token: t.enterprise1 })).body.error.code).toBe('UNIT_IN_USE');
    expect((await s.http('DELETE', `/api/v1/meeting/accounts/${minh.body.userId}`, { token: t.enterprise1 })).status).toBe(200);
    expect((await get('minh', '/api/v1/meeting/org')).status).toBe(401); // disabled: the session ended
  });

  it('join tokens are single use and expire after 2 minutes; the grant names the participant', async () => {
    const m = await post('enterprise1', '/api/v1/meeting/meetings', { roomId: rooms[0], title: 'Giao ban' });
    const j = await post('lan', `/api/v1/meeting/meetings/${m.body.id}/join`);
    expect(j.status).toBe(200);
    expect(j.body.roomUrl).toBe(`/meeting/live#${j.body.joinToken}`);
    const grant = await s.meeting.directory.redeem(j.body.joinToken);
    expect(grant).toMatchObject({ meetingId: m.body.id, roomId: rooms[0], roomName: 'Phòng 1', displayName: 'Trần Thị Lan', role: 'participant', maxParticipants: 100, endsAt: null });
    await expect(s.meeting.directory.redeem(j.body.joinToken)).rejects.toMatchObject({ code: 'JOIN_TOKEN_USED' });
    await expect(s.meeting.directory.redeem(`${j.body.joinToken}x`)).rejects.toMatchObject({ code: 'JOIN_TOKEN_INVALID' });

    const late = await post('enterprise1', `/api/v1/meeting/meetings/${m.body.id}/join`);
    await later(3);
    await expect(s.meeting.directory.redeem(late.body.joinToken)).rejects.toMatchObject({ code: 'JOIN_TOKEN_EXPIRED' });
  });

  it('a webhook is signed, delivered by a job and retried; minutes and peak reach the report and the usage', async () => {
    const set = await s.http('PUT', '/api/v1/meeting/webhook', { token: t.enterprise1, body: { url: hookUrl } });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const secret = set.body.secret as string;
    const m = await post('enterprise1', '/api/v1/meeting/meetings', { roomId: rooms[1], title: 'Họp khách hàng', invite: ['khach@example.vn'] });
    expect(m.body.link).toMatch(/\/meeting\/j\/[A-Za-z0-9_-]+$/);
    const host = await s.meeting.directory.redeem((await post('enterprise1', `/api/v1/meeting/meetings/${m.body.id}/join`)).body.joinToken);
    expect(host.role).toBe('host');
    const info = await s.http('GET', `/api/v1/meeting/links/${m.body.linkCode}`);
    expect(info.body).toMatchObject({ title: 'Họp khách hàng', open: true });
    const g = await s.http('POST', `/api/v1/meeting/links/${m.body.linkCode}/join`, { body: { displayName: 'Khách Nguyễn' } });
    expect(g.status, JSON.stringify(g.body)).toBe(200);
    const guest = await s.meeting.directory.redeem(g.body.joinToken);
    expect(guest).toMatchObject({ role: 'guest', userId: null, displayName: 'Khách Nguyễn' });
    expect((await s.http('POST', `/api/v1/meeting/links/${m.body.linkCode}/join`, { body: { displayName: '<script>' } })).status).toBe(400);

    const t0 = s.clock.now();
    await s.meeting.directory.joined(host.participantId, t0);
    await s.meeting.directory.joined(guest.participantId, t0);
    inRoom.set(m.body.id, [{ participantId: guest.participantId, displayName: 'Khách Nguyễn', role: 'guest', audioMuted: true, videoMuted: false, handRaised: false }]);
    expect((await get('enterprise1', '/api/v1/meeting/live')).body.items).toEqual([
      expect.objectContaining({ meetingId: m.body.id, participants: expect.arrayContaining([expect.objectContaining({ displayName: 'Khách Nguyễn' })]) }),
    ]);
    await s.jobs.drain(); // the start webhook: the receiver answers 500 the first time
    expect(received).toHaveLength(1);
    await later(1); // retried 30 s later
    expect(received).toHaveLength(2);
    const [first, second] = received;
    expect(second.body).toBe(first.body);
    expect(second.headers['idempotency-key']).toBe(first.headers['idempotency-key']);
    const sig = String(second.headers['x-meeting-signature']);
    const ts = sig.match(/^t=(\d+),/)![1];
    expect(sig).toBe(`t=${ts},v1=${createHmac('sha256', secret).update(`${ts}.${second.body}`).digest('hex')}`);
    expect(JSON.parse(second.body)).toMatchObject({ event: 'meeting.started', data: { meetingId: m.body.id } });

    await s.meeting.directory.left(guest.participantId, new Date(t0.getTime() + 10 * 60_000), 'left');
    await s.meeting.directory.ended(m.body.id, new Date(t0.getTime() + 25 * 60_000), 'host');
    await s.meeting.directory.ended(m.body.id, new Date(t0.getTime() + 26 * 60_000), 'host'); // idempotent
    await s.jobs.drain();
    expect(JSON.parse(received[2].body)).toMatchObject({ event: 'meeting.ended', data: { minutes: 25, peakParticipants: 2 } });
    expect(received).toHaveLength(3);
    const hook = await get('enterprise1', '/api/v1/meeting/webhook');
    expect(hook.body.deliveries.map((x: { status: string }) => x.status)).toEqual(['delivered', 'delivered']);

    const report = await get('enterprise1', `/api/v1/meeting/meetings/${m.body.id}`);
    expect(report.body).toMatchObject({ status: 'ended', minutes: 25, peakParticipants: 2, invitations: [expect.objectContaining({ email: 'khach@example.vn' })] });
    expect(report.body.participants.map((p: { displayName: string; minutes: number }) => [p.displayName, p.minutes]).sort()).toEqual([
      ['Khách Nguyễn', 10],
      ['Mạc Văn Sơn (Công ty CP Tài chính Sao Mai)', 25],
    ]);
    const usage = await get('enterprise1', '/api/v1/meeting/usage');
    expect(usage.body.items).toEqual([{ month: '2026-03', meetings: 1, minutes: 25, participantMinutes: 35, peakParticipants: 2 }]);
    await s.jobs.drain();
    expect(s.simulators.smtp!.messages.some((x) => x.to.includes('khach@example.vn') && x.text.includes(m.body.link))).toBe(true);
  });

  it('the API for outside systems: a key per organisation creates, lists and ends meetings', async () => {
    const key = await post('enterprise1', '/api/v1/meeting/api-keys', { name: 'CRM' });
    expect(key.status).toBe(201);
    const api = (method: string, url: string, body?: unknown) => s.http(method, url, { headers: { 'x-api-key': key.body.key }, body });
    const created = await api('POST', '/api/v1/meeting/ext/meetings', { roomId: rooms[2], title: 'Từ CRM', scheduledAt: '2026-03-03T02:00:00Z' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ status: 'scheduled', source: 'api' });
    expect((await api('GET', `/api/v1/meeting/ext/meetings/${created.body.id}/participants`)).body.items).toEqual([]);
    expect((await api('POST', `/api/v1/meeting/ext/meetings/${created.body.id}/invite`, { emails: ['a@example.vn'] })).body.invited).toBe(1);
    const endedNow = await api('POST', `/api/v1/meeting/ext/meetings/${created.body.id}/end`);
    expect(endedNow.body).toMatchObject({ status: 'ended', endReason: 'api' });
    expect(ended).toContainEqual({ meetingId: created.body.id, reason: 'api' });
    expect((await s.http('GET', '/api/v1/meeting/ext/meetings', { headers: { 'x-api-key': 'mk_wrong' } })).body.error.code).toBe('MEETING_API_KEY_INVALID');
    await s.http('DELETE', `/api/v1/meeting/api-keys/${key.body.id}`, { token: t.enterprise1 });
    expect((await api('GET', '/api/v1/meeting/ext/meetings')).status).toBe(401);
  });

  it('scope: another customer’s organisation, rooms and meetings are not found; staff have none', async () => {
    const trial = await post('customer1', '/api/v1/meeting/trial');
    expect(trial.status, JSON.stringify(trial.body)).toBe(201);
    expect(trial.body).toMatchObject({ trial: true, roomQuota: 2, trialPolicy: { meetingMinutesLimit: 40 } });
    expect((await post('customer1', '/api/v1/meeting/trial')).body.error.code).toBe('TRIAL_EXISTS');
    const [theirMeeting] = (await get('enterprise1', '/api/v1/meeting/meetings')).body.items;
    expect((await get('customer1', `/api/v1/meeting/meetings/${theirMeeting.id}`)).status).toBe(404);
    expect((await post('customer1', `/api/v1/meeting/meetings/${theirMeeting.id}/join`)).status).toBe(404);
    expect((await s.http('PATCH', `/api/v1/meeting/rooms/${rooms[0]}`, { token: t.customer1, body: { name: 'x' } })).status).toBe(404);
    expect((await post('customer1', '/api/v1/meeting/meetings', { roomId: rooms[0] })).status).toBe(404);
    expect((await post('customer1', '/api/v1/meeting/rooms', { name: 'x', allowedUserIds: [theirMeeting.id] })).body.error.code).toBe('MEMBER_NOT_IN_ORG');
    expect((await get('am1', '/api/v1/meeting/org')).body.error.code).toBe('NO_ORGANISATION');
  });

  it('trial meetings are capped by the trial policy (40 minutes from its date): the grant says when the server ends it', async () => {
    const room = await post('customer1', '/api/v1/meeting/rooms', { name: 'Phòng thử' });
    const m = await post('customer1', '/api/v1/meeting/meetings', { roomId: room.body.id });
    const grant = await s.meeting.directory.redeem((await post('customer1', `/api/v1/meeting/meetings/${m.body.id}/join`)).body.joinToken);
    expect(grant.endsAt).toEqual(new Date(s.clock.now().getTime() + 40 * 60_000));
    expect((await post('customer1', '/api/v1/meeting/rooms', { name: 'Phòng 2' })).status).toBe(201);
    expect((await post('customer1', '/api/v1/meeting/rooms', { name: 'Phòng 3' })).body.error.code).toBe('ROOM_QUOTA_EXCEEDED');

    // buying Meeting (self-service) turns the trial into a paid organisation with the contract's rooms
    const bought = await post('customer1', '/api/v1/self-service/contracts', { product: 'MEETING', quantity: 3, periodMonths: 1 });
    await pay(bought.body.id, 'VNP-MEET-TRIAL', bought.body.totalVnd);
    await s.jobs.drain();
    expect((await get('customer1', '/api/v1/meeting/org')).body).toMatchObject({ trial: false, roomQuota: 3, roomsUsed: 2, contractId: bought.body.id, trialPolicy: null });
    const paidGrant = await s.meeting.directory.redeem((await post('customer1', `/api/v1/meeting/meetings/${m.body.id}/join`)).body.joinToken);
    expect(paidGrant.endsAt).toBeNull();
  });

  it('suspension freezes the organisation (codes) and ends its live meetings; resumption thaws it', async () => {
    const m = await post('enterprise1', '/api/v1/meeting/meetings', { roomId: rooms[3] });
    const g = await s.meeting.directory.redeem((await post('enterprise1', `/api/v1/meeting/meetings/${m.body.id}/join`)).body.joinToken);
    await s.meeting.directory.joined(g.participantId, s.clock.now());
    const pending = await post('enterprise1', `/api/v1/meeting/meetings/${m.body.id}/join`);

    expect((await post('ops1', `/api/v1/contracts/${contractId}/suspend`, { reason: 'Quá hạn thanh toán' })).status).toBe(200);
    expect((await get('enterprise1', '/api/v1/meeting/org')).body.status).toBe('suspended');
    expect((await post('enterprise1', '/api/v1/meeting/rooms', { name: 'Mới' })).body.error.code).toBe('ORGANISATION_SUSPENDED');
    expect((await post('enterprise1', '/api/v1/meeting/meetings', { roomId: rooms[0] })).body.error.code).toBe('ORGANISATION_SUSPENDED');
    await expect(s.meeting.directory.redeem(pending.body.joinToken)).rejects.toMatchObject({ code: 'ORGANISATION_SUSPENDED' });
    await s.jobs.drain(); // the freeze job ends the live meeting through the live layer
    expect(ended).toContainEqual({ meetingId: m.body.id, reason: 'suspended' });
    expect((await get('enterprise1', `/api/v1/meeting/meetings/${m.body.id}`)).body).toMatchObject({ status: 'ended', endReason: 'suspended' });

    expect((await post('ops1', `/api/v1/contracts/${contractId}/resume`)).status).toBe(200);
    expect((await get('enterprise1', '/api/v1/meeting/org')).body.status).toBe('active');
    expect((await post('enterprise1', '/api/v1/meeting/rooms', { name: 'Sau khi mở lại' })).status).toBe(201);

    // termination closes the organisation
    expect((await post('am1', `/api/v1/contracts/${contractId}/terminate`, { date: '2026-03-31', reason: 'Khách hàng dừng dịch vụ' })).status).toBe(200);
    expect((await get('enterprise1', '/api/v1/meeting/org')).body.status).toBe('closed');
    expect((await post('enterprise1', '/api/v1/meeting/meetings', { roomId: rooms[0] })).body.error.code).toBe('ORGANISATION_CLOSED');
  });

  it('every Meeting route is in OpenAPI under the meeting tag', async () => {
    const r = await s.http('GET', '/openapi.json');
    const paths = Object.entries(r.body.paths as Record<string, Record<string, { tags: string[] }>>).filter(([p]) => p.startsWith('/api/v1/meeting/'));
    expect(paths.map(([p]) => p)).toEqual(expect.arrayContaining(['/api/v1/meeting/org', '/api/v1/meeting/rooms', '/api/v1/meeting/meetings/{id}/join', '/api/v1/meeting/links/{code}/join', '/api/v1/meeting/ext/meetings']));
    for (const [, ops] of paths) for (const op of Object.values(ops)) expect(op.tags).toEqual(['meeting']);
  });
});
