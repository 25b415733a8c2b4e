import { describe, expect, it } from 'vitest';
import { mayJoinRoom, roleOf, type MemberRef } from './access.ts';

const member = (userId: string, unitId: string | null = null, role: 'admin' | 'member' = 'member'): MemberRef => ({ userId, unitId, role });

describe('fixed-room permissions (H2)', () => {
  const fixed = { fixed: true, allowedUnitIds: ['unit_sales'], allowedUserIds: ['usr_lan'], createdBy: 'usr_boss' };

  it('admits listed users and members of listed units', () => {
    expect(mayJoinRoom(fixed, member('usr_lan'))).toBe(true);
    expect(mayJoinRoom(fixed, member('usr_minh', 'unit_sales'))).toBe(true);
  });

  it('refuses other members, whatever their unit', () => {
    expect(mayJoinRoom(fixed, member('usr_minh', 'unit_ops'))).toBe(false);
    expect(mayJoinRoom(fixed, member('usr_minh'))).toBe(false);
  });

  it('admins and the creator always get in; an ordinary room admits every member', () => {
    expect(mayJoinRoom(fixed, member('usr_admin', null, 'admin'))).toBe(true);
    expect(mayJoinRoom(fixed, member('usr_boss'))).toBe(true);
    expect(mayJoinRoom({ ...fixed, fixed: false }, member('usr_minh', 'unit_ops'))).toBe(true);
  });

  it('hosts are the meeting’s creator and admins', () => {
    expect(roleOf(member('usr_a'), 'usr_a')).toBe('host');
    expect(roleOf(member('usr_b', null, 'admin'), 'usr_a')).toBe('host');
    expect(roleOf(member('usr_b'), 'usr_a')).toBe('participant');
  });
});
