import { describe, expect, it } from 'vitest';
import { MAX_PARTICIPANTS, roomFits, seatFree, statusAfter, TRIAL_ROOM_QUOTA } from './quota.ts';

describe('room quota', () => {
  it('admits rooms up to the quota and refuses the next', () => {
    expect(roomFits({ roomsUsed: 4, roomQuota: 5 })).toBe(true);
    expect(roomFits({ roomsUsed: 5, roomQuota: 5 })).toBe(false);
    expect(roomFits({ roomsUsed: 7, roomQuota: 5 })).toBe(false); // after a downgrade: no new room until some are removed
    expect(roomFits({ roomsUsed: 0, roomQuota: TRIAL_ROOM_QUOTA })).toBe(true);
  });

  it('seats: at most 100 (or the room’s smaller size)', () => {
    expect(seatFree(99)).toBe(true);
    expect(seatFree(MAX_PARTICIPANTS)).toBe(false);
    expect(seatFree(10, 10)).toBe(false);
    expect(seatFree(100, 500)).toBe(false);
  });

  it('the organisation follows its contract: suspended, resumed, ended', () => {
    expect(statusAfter('contract.suspended')).toBe('suspended');
    expect(statusAfter('contract.resumed')).toBe('active');
    expect(statusAfter('contract.terminated')).toBe('closed');
    expect(statusAfter('contract.expired')).toBe('closed');
    expect(statusAfter('contract.amended')).toBeNull();
  });
});
