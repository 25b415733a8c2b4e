/** A room's admission rule as stored. */
export interface RoomRule {
  fixed: boolean;
  allowedUnitIds: string[];
  allowedUserIds: string[];
  createdBy: string | null;
}

export interface MemberRef {
  userId: string;
  role: 'admin' | 'member';
  unitId: string | null;
}

/**
 * H2 fixed rooms: an organisation's admins and the room's creator may always join; any member may join
 * an ordinary room; a fixed room admits only the users it lists and the members of the units it lists.
 */
export function mayJoinRoom(room: RoomRule, m: MemberRef): boolean {
  if (m.role === 'admin' || room.createdBy === m.userId) return true;
  if (!room.fixed) return true;
  return room.allowedUserIds.includes(m.userId) || (m.unitId !== null && room.allowedUnitIds.includes(m.unitId));
}

/** Who hosts: the meeting's host (its creator) and the organisation's admins; other members participate. */
export const roleOf = (m: MemberRef, hostUserId: string | null): 'host' | 'participant' =>
  m.role === 'admin' || m.userId === hostUserId ? 'host' : 'participant';
