import { z } from 'zod';
import { id, instant, instantOut, patchOf } from '../../shared/fields.ts';

/** The Meeting module's HTTP contract (the routes and the web share it as `@contracts/meeting`). */

const name = z.string().trim().min(1).max(120);
const role = z.enum(['admin', 'member']);
const ids = z.array(id).max(500);
const email = z.email().max(200);

export const idParams = z.object({ id }).strict();
export const codeParams = z.object({ code: z.string().min(6).max(40).regex(/^[A-Za-z0-9_-]+$/) }).strict();

// GET /api/v1/meeting/org
export const media = z.object({ available: z.boolean(), instances: z.array(z.object({ url: z.string(), up: z.boolean() })), hint: z.string().optional() });
export const org = z.object({
  id: z.string(),
  name: z.string(),
  roomQuota: z.number().int(),
  roomsUsed: z.number().int(),
  trial: z.boolean(),
  status: z.enum(['active', 'suspended', 'closed']),
  contractId: z.string().nullable(),
  role,
  trialPolicy: z.object({ limitFrom: z.string(), meetingMinutesLimit: z.number().int() }).nullable(),
  media,
});

// accounts
export const account = z.object({
  userId: z.string(),
  username: z.string(),
  fullName: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  status: z.string(),
  role,
  unitId: z.string().nullable(),
});
export const accountList = z.object({ items: z.array(account) });
export const newAccount = z
  .object({
    username: z.string().trim().min(3).max(50).regex(/^[A-Za-z0-9._-]+$/),
    password: z.string().min(1).max(200),
    fullName: z.string().trim().min(2).max(200),
    email,
    phone: z.string().trim().regex(/^(\+?84|0)\d{9,10}$/).optional(),
    role: role.default('member'),
    unitId: id.nullable().optional(),
  })
  .strict();
export const accountPatch = patchOf({
  fullName: z.string().trim().min(2).max(200).optional(),
  email: email.optional(),
  phone: z.string().trim().regex(/^(\+?84|0)\d{9,10}$/).nullable().optional(),
  role: role.optional(),
  unitId: id.nullable().optional(),
});

// units
export const unit = z.object({ id: z.string(), name: z.string(), members: z.number().int() });
export const unitList = z.object({ items: z.array(unit) });
export const newUnit = z.object({ name, userIds: ids.optional() }).strict();

// rooms
export const roomBody = z
  .object({ name, fixed: z.boolean().optional(), allowedUnitIds: ids.optional(), allowedUserIds: ids.optional(), maxParticipants: z.number().int().min(2).max(100).optional() })
  .strict();
export const roomPatch = patchOf({
  name: name.optional(),
  fixed: z.boolean().optional(),
  allowedUnitIds: ids.optional(),
  allowedUserIds: ids.optional(),
  maxParticipants: z.number().int().min(2).max(100).optional(),
});
export const room = z.object({
  id: z.string(),
  name: z.string(),
  fixed: z.boolean(),
  allowedUnitIds: z.array(z.string()),
  allowedUserIds: z.array(z.string()),
  maxParticipants: z.number().int(),
  createdAt: instantOut,
});
export const roomReport = room.extend({ meetingsHeld: z.number().int(), minutes: z.number().int(), lastUsedAt: instantOut.nullable(), live: z.boolean() });
export const roomList = z.object({ items: z.array(roomReport) });
export const liveList = z.object({
  items: z.array(
    z.object({
      meetingId: z.string(),
      roomId: z.string(),
      roomName: z.string(),
      title: z.string(),
      startedAt: instantOut.nullable(),
      participants: z.array(z.object({ participantId: z.string(), displayName: z.string(), role: z.string() })),
    }),
  ),
});

// meetings
export const meetingBody = z
  .object({ roomId: id, title: z.string().trim().max(200).optional(), scheduledAt: instant.optional(), invite: z.array(email).max(200).optional() })
  .strict();
export const meetingStatus = z.enum(['scheduled', 'live', 'ended']);
export const meeting = z.object({
  id: z.string(),
  roomId: z.string(),
  title: z.string(),
  scheduledAt: instantOut,
  status: meetingStatus,
  link: z.string(),
  linkCode: z.string(),
  startedAt: instantOut.nullable(),
  endedAt: instantOut.nullable(),
  endReason: z.string().nullable(),
  peakParticipants: z.number().int(),
  minutes: z.number().int().nullable(),
  source: z.string(),
});
export const meetingList = z.object({ items: z.array(meeting) });
export const meetingQuery = z
  .object({ from: instant.optional(), to: instant.optional(), status: meetingStatus.optional(), limit: z.coerce.number().int().min(1).max(500).default(100) })
  .strict();
export const meetingReport = meeting.extend({
  roomName: z.string(),
  participants: z.array(
    z.object({
      participantId: z.string(),
      userId: z.string().nullable(),
      displayName: z.string(),
      role: z.string(),
      joinedAt: instantOut.nullable(),
      leftAt: instantOut.nullable(),
      minutes: z.number().int(),
      leaveReason: z.string().nullable(),
    }),
  ),
  invitations: z.array(z.object({ email: z.string(), at: instantOut })),
});
export const inviteBody = z.object({ emails: z.array(email).min(1).max(200) }).strict();
export const invited = z.object({ invited: z.number().int(), link: z.string() });
export const participantList = z.object({
  items: z.array(
    z.object({
      participantId: z.string(),
      displayName: z.string(),
      role: z.string(),
      audioMuted: z.boolean().nullable(),
      videoMuted: z.boolean().nullable(),
      handRaised: z.boolean().nullable(),
    }),
  ),
});

// join
export const joined = z.object({ joinToken: z.string(), roomUrl: z.string(), expiresAt: instantOut });
/** A guest's name: letters of any language, digits, spaces and a little punctuation. */
export const guestJoinBody = z.object({ displayName: z.string().trim().min(1).max(80).regex(/^[\p{L}\p{N} .,'()_-]+$/u) }).strict();
export const linkInfo = z.object({ title: z.string(), organisation: z.string(), scheduledAt: instantOut, status: meetingStatus, open: z.boolean() });

// API keys and webhooks
export const apiKeyBody = z.object({ name }).strict();
export const apiKey = z.object({ id: z.string(), name: z.string(), prefix: z.string(), createdAt: instantOut, revokedAt: instantOut.nullable() });
export const apiKeyCreated = apiKey.extend({ key: z.string() });
export const apiKeyList = z.object({ items: z.array(apiKey) });
export const apiHeaders = z.object({ 'x-api-key': z.string().max(200).optional() });
export const webhookBody = z.object({ url: z.string().trim().max(500) }).strict();
export const webhookSet = z.object({ url: z.string(), secret: z.string() });
export const webhookStatus = z.object({
  url: z.string().nullable(),
  deliveries: z.array(
    z.object({
      id: z.string(),
      event: z.string(),
      meetingId: z.string(),
      status: z.string(),
      attempts: z.number().int(),
      lastError: z.string().nullable(),
      createdAt: instantOut,
      deliveredAt: instantOut.nullable(),
    }),
  ),
});

// usage
export const usage = z.object({
  items: z.array(z.object({ month: z.string(), meetings: z.number().int(), minutes: z.number().int(), participantMinutes: z.number().int(), peakParticipants: z.number().int() })),
});

export const ok = z.object({ ok: z.literal(true) });

// ---- the live WebSocket (LIVE_WS_PATH): the hub validates what browsers send with clientMessage and
// sends serverMessage frames; the room page (web/src/features/meeting-room) uses the same types. ----

/** The live WebSocket's own path (the JSON list of live rooms is `GET /api/v1/meeting/live`). */
export const LIVE_WS_PATH = '/api/v1/meeting/live/ws';
/** The largest frame a browser may send (bytes); the WebSocket refuses bigger ones outright. */
export const MAX_FRAME_BYTES = 8 * 1024;
export const MAX_CHAT_CHARS = 2000;
/** Janus mids of the page's camera publisher: audio first, video second (the server moderates mid 0 to mute). */
export const AUDIO_MID = '0';
export const VIDEO_MID = '1';

export const participantRole = z.enum(['host', 'participant', 'guest']);
/** Why a participant's presence ended. */
export const leaveReason = z.enum(['left', 'kicked', 'ended', 'disconnected']);
/** Why a meeting ended. */
export const endReason = z.enum(['host', 'api', 'trial_cap', 'empty', 'suspended']);
export const hostActionName = z.enum(['mute_all', 'mute_all_except', 'mute', 'allow_unmute', 'kick', 'end']);
export type ParticipantRole = z.infer<typeof participantRole>;
export type LeaveReason = z.infer<typeof leaveReason>;
export type EndReason = z.infer<typeof endReason>;
export type HostActionName = z.infer<typeof hostActionName>;

const liveId = z.string().min(1).max(64);
const chatText = z.string().trim().min(1).max(MAX_CHAT_CHARS);

/** What a browser may send. */
export const clientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), token: z.string().min(8).max(2048) }).strict(),
  z.object({ type: z.literal('chat'), text: chatText }).strict(),
  z.object({ type: z.literal('private'), to: liveId, text: chatText }).strict(),
  z.object({ type: z.literal('hand'), raised: z.boolean() }).strict(),
  z.object({ type: z.literal('media'), audioMuted: z.boolean().optional(), videoMuted: z.boolean().optional(), screen: z.boolean().optional() }).strict(),
  z.object({ type: z.literal('notice'), text: z.string().trim().min(1).max(500) }).strict(),
  z
    .object({ type: z.literal('host'), action: hostActionName, target: liveId.optional() })
    .strict()
    .refine((m) => !['mute_all_except', 'mute', 'kick'].includes(m.action) || !!m.target, { message: 'target is required', path: ['target'] }),
  z.object({ type: z.literal('leave') }).strict(),
  z.object({ type: z.literal('ping') }).strict(),
]);
export type ClientMessage = z.infer<typeof clientMessage>;

export const protocolErrorCode = z.enum([
  'BAD_MESSAGE',
  'TOO_LARGE',
  'RATE_LIMITED',
  'HELLO_FIRST',
  'ALREADY_JOINED',
  'JOIN_REFUSED',
  'ROOM_FULL',
  'NOT_HOST',
  'NO_SUCH_PARTICIPANT',
  'HOST_PROTECTED',
  'CANNOT_TARGET_SELF',
  'MUTED_BY_HOST',
  'MEETING_ENDED',
  'INTERNAL',
]);
export type ProtocolErrorCode = z.infer<typeof protocolErrorCode>;

/** One live participant as the live layer knows it. */
export const liveParticipant = z.object({
  participantId: z.string(),
  displayName: z.string(),
  role: participantRole,
  audioMuted: z.boolean(),
  videoMuted: z.boolean(),
  handRaised: z.boolean(),
});
export const rosterEntry = liveParticipant.extend({
  /** The participant's Janus publisher ids: camera+mic, and screen share (feedId + 1). */
  feedId: z.number().int(),
  screenFeedId: z.number().int(),
  hostMuted: z.boolean(),
  screenSharing: z.boolean(),
});
export type RosterEntry = z.infer<typeof rosterEntry>;

/** How the page reaches Janus: our proxy (with the ticket) or JANUS_PUBLIC_URLS (with the room's PIN). */
export const mediaAccess = z.object({
  available: z.boolean(),
  /** Janus API base the page uses (our proxy, or JANUS_PUBLIC_URLS). */
  url: z.string().optional(),
  /** Proof for the proxy (header x-meeting-ticket). */
  ticket: z.string().optional(),
  room: z.number().int().optional(),
  /** Only when the browser talks to Janus directly (no proxy to add it). */
  pin: z.string().optional(),
  hint: z.string().optional(),
});
export type MediaAccess = z.infer<typeof mediaAccess>;

export const noticeKind = z.enum(['muted_by_host', 'unmuted_by_host', 'kicked', 'host', 'ending_soon', 'trial_cap']);
export type NoticeKind = z.infer<typeof noticeKind>;

const sender = z.object({ participantId: z.string(), displayName: z.string() });
const refusal = z.object({ code: z.string(), vi: z.string(), en: z.string() });

/** What the hub sends. */
export const serverMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('welcome'),
    you: z.object({ participantId: z.string(), displayName: z.string(), role: participantRole, feedId: z.number().int(), screenFeedId: z.number().int() }),
    meeting: z.object({ id: z.string(), roomName: z.string(), endsAt: z.string().nullable(), maxParticipants: z.number().int() }),
    media: mediaAccess,
    roster: z.array(rosterEntry),
  }),
  z.object({ type: z.literal('joined'), participant: rosterEntry }),
  z.object({ type: z.literal('left'), participantId: z.string(), reason: leaveReason }),
  z.object({ type: z.literal('state'), participant: rosterEntry }),
  z.object({ type: z.literal('chat'), from: sender, text: z.string(), at: z.string() }),
  z.object({ type: z.literal('private'), from: sender, to: z.string(), text: z.string(), at: z.string() }),
  z.object({ type: z.literal('notice'), kind: noticeKind, text: z.string().optional(), by: z.string().optional(), target: z.string().optional() }),
  z.object({ type: z.literal('ended'), reason: endReason }),
  /** `refusal`: the control plane's refusal (code and both languages), when it gave one. */
  z.object({ type: z.literal('error'), code: protocolErrorCode, reason: z.string(), refusal: refusal.optional() }),
  z.object({ type: z.literal('pong') }),
]);
export type ServerMessage = z.infer<typeof serverMessage>;

export type Org = z.infer<typeof org>;
export type Room = z.infer<typeof roomReport>;
export type Meeting = z.infer<typeof meeting>;
export type MeetingReport = z.infer<typeof meetingReport>;
export type Account = z.infer<typeof account>;
export type Unit = z.infer<typeof unit>;
