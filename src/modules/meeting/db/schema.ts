import { boolean, index, integer, jsonb, pgSchema, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const meetingSchema = pgSchema('meeting');
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * A customer's Meeting organisation (one per customer): made by its contract's provisioning (room
 * quota = the contract's rooms) or by a free trial sign-up. `roomsUsed` moves only by one conditional
 * UPDATE (see rooms.ts), so the quota holds under concurrency.
 */
export const organisations = meetingSchema.table('organisations', {
  id: text('id').primaryKey(),
  customerId: text('customer_id').notNull().unique(),
  name: text('name').notNull(),
  trial: boolean('trial').notNull(),
  /** The contract the organisation follows now (null for a trial). */
  contractId: text('contract_id'),
  roomQuota: integer('room_quota').notNull(),
  roomsUsed: integer('rooms_used').notNull().default(0),
  /** active | suspended (contract suspended) | closed (contract terminated or expired). */
  status: text('status', { enum: ['active', 'suspended', 'closed'] }).notNull(),
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
});

/** The provisioning port's idempotency keys: a retried job finds the organisation it made. */
export const provisions = meetingSchema.table('provisions', {
  idempotencyKey: text('idempotency_key').primaryKey(),
  organisationId: text('organisation_id').notNull(),
  contractId: text('contract_id').notNull(),
  createdAt: instant('created_at').notNull(),
});

/** An identity user in an organisation (one organisation per user): admin or member, in at most one unit. */
export const members = meetingSchema.table(
  'members',
  {
    organisationId: text('organisation_id').notNull(),
    userId: text('user_id').notNull().unique(),
    role: text('role', { enum: ['admin', 'member'] }).notNull(),
    unitId: text('unit_id'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.userId] })],
);

export const units = meetingSchema.table('units', {
  id: text('id').primaryKey(),
  organisationId: text('organisation_id').notNull(),
  name: text('name').notNull(),
  createdAt: instant('created_at').notNull(),
});

/** A room of the quota; a fixed room admits only the listed users and units (and the organisation's admins). */
export const rooms = meetingSchema.table(
  'rooms',
  {
    id: text('id').primaryKey(),
    organisationId: text('organisation_id').notNull(),
    name: text('name').notNull(),
    fixed: boolean('fixed').notNull(),
    allowedUnitIds: jsonb('allowed_unit_ids').$type<string[]>().notNull(),
    allowedUserIds: jsonb('allowed_user_ids').$type<string[]>().notNull(),
    maxParticipants: integer('max_participants').notNull(),
    createdBy: text('created_by'),
    createdAt: instant('created_at').notNull(),
    deletedAt: instant('deleted_at'),
  },
  (t) => [index('rooms_org_idx').on(t.organisationId)],
);

/** A meeting in a room: instant or scheduled; live from the first participant's connection until it ends. */
export const meetings = meetingSchema.table(
  'meetings',
  {
    id: text('id').primaryKey(),
    organisationId: text('organisation_id').notNull(),
    roomId: text('room_id').notNull(),
    title: text('title').notNull(),
    scheduledAt: instant('scheduled_at').notNull(),
    /** The guest link's code (`/meeting/j/<code>`). */
    linkCode: text('link_code').notNull().unique(),
    status: text('status', { enum: ['scheduled', 'live', 'ended'] }).notNull(),
    hostUserId: text('host_user_id'),
    /** web | api (an outside system through an API key). */
    source: text('source').notNull(),
    startedAt: instant('started_at'),
    endedAt: instant('ended_at'),
    endReason: text('end_reason'),
    currentParticipants: integer('current_participants').notNull().default(0),
    peakParticipants: integer('peak_participants').notNull().default(0),
    minutes: integer('minutes'),
    createdBy: text('created_by'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('meetings_org_idx').on(t.organisationId, t.scheduledAt), index('meetings_started_idx').on(t.organisationId, t.startedAt)],
);

/**
 * One presence in a meeting, made when a join token is issued: issued → redeemed (the WebSocket
 * opened, once) → joined → left; an unredeemed token expires. The report is built from these rows.
 */
export const participants = meetingSchema.table(
  'participants',
  {
    id: text('id').primaryKey(),
    meetingId: text('meeting_id').notNull(),
    organisationId: text('organisation_id').notNull(),
    userId: text('user_id'),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: ['host', 'participant', 'guest'] }).notNull(),
    state: text('state', { enum: ['issued', 'redeemed', 'joined', 'left', 'expired'] }).notNull(),
    tokenExpiresAt: instant('token_expires_at').notNull(),
    joinedAt: instant('joined_at'),
    leftAt: instant('left_at'),
    leaveReason: text('leave_reason'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('participants_meeting_idx').on(t.meetingId, t.state)],
);

export const invitations = meetingSchema.table('invitations', {
  id: text('id').primaryKey(),
  meetingId: text('meeting_id').notNull(),
  email: text('email').notNull(),
  invitedBy: text('invited_by'),
  createdAt: instant('created_at').notNull(),
});

/** An organisation's API keys for outside systems: only the sha256 is kept. */
export const apiKeys = meetingSchema.table('api_keys', {
  id: text('id').primaryKey(),
  organisationId: text('organisation_id').notNull(),
  name: text('name').notNull(),
  prefix: text('prefix').notNull(),
  keyHash: text('key_hash').notNull().unique(),
  createdBy: text('created_by'),
  createdAt: instant('created_at').notNull(),
  revokedAt: instant('revoked_at'),
});

/** Where an organisation's meeting.started / meeting.ended events go, and the secret that signs them. */
export const webhooks = meetingSchema.table('webhooks', {
  organisationId: text('organisation_id').primaryKey(),
  url: text('url').notNull(),
  secret: text('secret').notNull(),
  updatedAt: instant('updated_at').notNull(),
});

/** One event for one organisation's endpoint, delivered by a job (its id is the Idempotency-Key). */
export const deliveries = meetingSchema.table(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    organisationId: text('organisation_id').notNull(),
    meetingId: text('meeting_id').notNull(),
    event: text('event').notNull(),
    payload: jsonb('payload').notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: instant('created_at').notNull(),
    deliveredAt: instant('delivered_at'),
  },
  (t) => [uniqueIndex('deliveries_event_idx').on(t.meetingId, t.event), index('deliveries_org_idx').on(t.organisationId, t.createdAt)],
);
