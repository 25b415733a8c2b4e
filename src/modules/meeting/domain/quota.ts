/** Rooms of a free trial organisation (self-service sign-up): enough to try a fixed room and an ad-hoc one. */
export const TRIAL_ROOM_QUOTA = 2;
/** The most people in one meeting (H3): the join refuses the next one with ROOM_FULL. */
export const MAX_PARTICIPANTS = 100;

/** Whether one more room fits the quota (the SQL of `takeRoom` states the same rule in its WHERE). */
export const roomFits = (org: { roomsUsed: number; roomQuota: number }): boolean => org.roomsUsed < org.roomQuota;

/** Whether one more person fits the meeting: those connected plus those holding an unexpired join token. */
export const seatFree = (taken: number, max: number = MAX_PARTICIPANTS): boolean => taken < Math.min(max, MAX_PARTICIPANTS);

/** What a contract's organisation becomes after a change of its contract (null: no change of status). */
export function statusAfter(action: string): 'active' | 'suspended' | 'closed' | null {
  switch (action) {
    case 'contract.suspended':
      return 'suspended';
    case 'contract.resumed':
      return 'active';
    case 'contract.terminated':
    case 'contract.expired':
      return 'closed';
    default:
      return null;
  }
}
