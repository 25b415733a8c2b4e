import { and, asc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import type { Ctx } from '../../../platform/context.ts';
import { newId } from '../../../platform/ids.ts';
import { meetings, members, organisations, participants, rooms, units } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { mayJoinRoom, type MemberRef } from '../domain/access.ts';
import { MAX_PARTICIPANTS } from '../domain/quota.ts';
import { meetingError } from '../errors.ts';
import { assertOpen, callerAdminOrg, callerOrg, roomOf, roomView, type OrgRow } from '../queries.ts';

export interface RoomInput {
  name: string;
  fixed?: boolean;
  allowedUnitIds?: string[];
  allowedUserIds?: string[];
  maxParticipants?: number;
}

/** The listed users and units must be the organisation's own. */
async function assertAllowed(tx: Executor, orgId: string, r: Pick<RoomInput, 'allowedUnitIds' | 'allowedUserIds'>) {
  const unitIds = [...new Set(r.allowedUnitIds ?? [])];
  const userIds = [...new Set(r.allowedUserIds ?? [])];
  const foundUnits = unitIds.length ? await tx.select({ id: units.id }).from(units).where(and(eq(units.organisationId, orgId), inArray(units.id, unitIds))) : [];
  const foundUsers = userIds.length
    ? await tx.select({ id: members.userId }).from(members).where(and(eq(members.organisationId, orgId), inArray(members.userId, userIds)))
    : [];
  const missing = [...unitIds.filter((u) => !foundUnits.some((f) => f.id === u)), ...userIds.filter((u) => !foundUsers.some((f) => f.id === u))];
  if (missing.length) throw meetingError('MEMBER_NOT_IN_ORG', { ids: missing.join(', ') });
  return { unitIds, userIds };
}

/**
 * Takes one room of the quota with one conditional UPDATE (never count-then-insert): of two concurrent
 * requests for the last room, one gets the row back and the other nothing.
 */
export async function takeRoom(tx: Executor, org: OrgRow): Promise<void> {
  const [taken] = await tx
    .update(organisations)
    .set({ roomsUsed: sql`${organisations.roomsUsed} + 1` })
    .where(and(eq(organisations.id, org.id), eq(organisations.status, 'active'), lt(organisations.roomsUsed, organisations.roomQuota)))
    .returning({ id: organisations.id });
  if (taken) return;
  const [now] = await tx.select().from(organisations).where(eq(organisations.id, org.id));
  assertOpen(now);
  throw meetingError('ROOM_QUOTA_EXCEEDED', { quota: now.roomQuota });
}

/** H1/H2: a room of the quota. A fixed room with its admission lists is an admin's to make. */
export async function createRoom(d: Deps, ctx: Ctx, input: RoomInput) {
  const { org, member } = await callerOrg(d, ctx);
  assertOpen(org);
  if (input.fixed && member.role !== 'admin') throw meetingError('ORG_ADMIN_ONLY');
  const now = d.clock.now();
  return d.database.db.transaction(async (tx) => {
    const allowed = await assertAllowed(tx, org.id, input);
    await takeRoom(tx, org);
    const [row] = await tx
      .insert(rooms)
      .values({
        id: newId('meetingRoom', now),
        organisationId: org.id,
        name: input.name,
        fixed: input.fixed ?? false,
        allowedUnitIds: allowed.unitIds,
        allowedUserIds: allowed.userIds,
        maxParticipants: Math.min(input.maxParticipants ?? MAX_PARTICIPANTS, MAX_PARTICIPANTS),
        createdBy: ctx.actor.id,
        createdAt: now,
      })
      .returning();
    await d.audit.record(tx, ctx, { action: 'meeting.room.created', entityType: 'meeting_room', entityId: row.id, after: row });
    return roomView(row);
  });
}

/** An admin changes a room's name, kind or admission lists. */
export async function updateRoom(d: Deps, ctx: Ctx, roomId: string, input: Partial<RoomInput>) {
  const { org } = await callerAdminOrg(d, ctx);
  const before = await roomOf(d, org.id, roomId);
  return d.database.db.transaction(async (tx) => {
    const allowed = await assertAllowed(tx, org.id, { allowedUnitIds: input.allowedUnitIds ?? before.allowedUnitIds, allowedUserIds: input.allowedUserIds ?? before.allowedUserIds });
    const patch = {
      name: input.name ?? before.name,
      fixed: input.fixed ?? before.fixed,
      allowedUnitIds: allowed.unitIds,
      allowedUserIds: allowed.userIds,
      maxParticipants: Math.min(input.maxParticipants ?? before.maxParticipants, MAX_PARTICIPANTS),
    };
    const [after] = await tx.update(rooms).set(patch).where(eq(rooms.id, roomId)).returning();
    await d.audit.record(tx, ctx, { action: 'meeting.room.changed', entityType: 'meeting_room', entityId: roomId, before, after });
    return roomView(after);
  });
}

/** The room leaves the quota (its meetings stay in the history). */
export async function deleteRoom(d: Deps, ctx: Ctx, roomId: string) {
  const { org, member } = await callerOrg(d, ctx);
  const before = await roomOf(d, org.id, roomId);
  if (member.role !== 'admin' && before.createdBy !== ctx.actor.id) throw meetingError('ORG_ADMIN_ONLY');
  await d.database.db.transaction(async (tx) => {
    const [gone] = await tx.update(rooms).set({ deletedAt: d.clock.now() }).where(and(eq(rooms.id, roomId), isNull(rooms.deletedAt))).returning();
    if (!gone) return;
    await tx.update(organisations).set({ roomsUsed: sql`greatest(${organisations.roomsUsed} - 1, 0)` }).where(eq(organisations.id, org.id));
    await d.audit.record(tx, ctx, { action: 'meeting.room.deleted', entityType: 'meeting_room', entityId: roomId, before });
  });
}

/**
 * Rooms the caller may use (all of them for an admin: the report of all rooms, H2), each with its
 * meetings held, minutes and the last use.
 */
export async function listRooms(d: Deps, ctx: Ctx) {
  const { org, member } = await callerOrg(d, ctx);
  return roomsReport(d, org, member);
}

/** The room report for a member (the rooms they may use) or for an outside system (member null: all). */
export async function roomsReport(d: Deps, org: OrgRow, member: MemberRef | null) {
  const rows = await d.database.db.select().from(rooms).where(and(eq(rooms.organisationId, org.id), isNull(rooms.deletedAt))).orderBy(asc(rooms.createdAt));
  const stats = await d.database.db
    .select({
      roomId: meetings.roomId,
      meetings: sql<number>`count(${meetings.startedAt})::int`,
      minutes: sql<number>`coalesce(sum(${meetings.minutes}), 0)::int`,
      lastUsedAt: sql<Date | null>`max(${meetings.startedAt})`,
      live: sql<number>`count(*) filter (where ${meetings.status} = 'live')::int`,
    })
    .from(meetings)
    .where(eq(meetings.organisationId, org.id))
    .groupBy(meetings.roomId);
  const byRoom = new Map(stats.map((s) => [s.roomId, s]));
  return {
    items: rows
      .filter((r) => !member || mayJoinRoom(r, member))
      .map((r) => {
        const s = byRoom.get(r.id);
        const last = s?.lastUsedAt ? new Date(s.lastUsedAt) : null;
        return { ...roomView(r), meetingsHeld: s?.meetings ?? 0, minutes: s?.minutes ?? 0, lastUsedAt: last, live: (s?.live ?? 0) > 0 };
      }),
  };
}

/** H2: the rooms live now, with who is in them (the live layer's view when attached, else the rows). */
export async function liveNow(d: Deps, ctx: Ctx) {
  const { org } = await callerOrg(d, ctx);
  const live = await d.database.db
    .select({ m: meetings, roomName: rooms.name })
    .from(meetings)
    .innerJoin(rooms, eq(rooms.id, meetings.roomId))
    .where(and(eq(meetings.organisationId, org.id), eq(meetings.status, 'live')));
  const items = [];
  for (const { m, roomName } of live) {
    const fromLive = d.live.current ? await d.live.current.participants(m.id).catch(() => null) : null;
    const people =
      fromLive?.map((p) => ({ participantId: p.participantId, displayName: p.displayName, role: p.role })) ??
      (await d.database.db
        .select({ participantId: participants.id, displayName: participants.displayName, role: participants.role })
        .from(participants)
        .where(and(eq(participants.meetingId, m.id), eq(participants.state, 'joined'))));
    items.push({ meetingId: m.id, roomId: m.roomId, roomName, title: m.title, startedAt: m.startedAt, participants: people });
  }
  return { items };
}
