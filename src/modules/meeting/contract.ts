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

export type Org = z.infer<typeof org>;
export type Room = z.infer<typeof roomReport>;
export type Meeting = z.infer<typeof meeting>;
export type MeetingReport = z.infer<typeof meetingReport>;
export type Account = z.infer<typeof account>;
export type Unit = z.infer<typeof unit>;
