/**
 * A MeetingDirectory for tests until (and besides) the control plane: mints join tokens for grants the
 * test describes, redeems each once, and records joined/left/ended calls.
 */
import { randomBytes } from 'node:crypto';
import { fail } from '../../src/platform/errors.ts';
import type { EndReason, JoinGrant, LeaveReason, MeetingDirectory } from '../../src/modules/meeting/live-ports.ts';

export interface DirectoryCall {
  kind: 'joined' | 'left' | 'ended';
  id: string;
  at: Date;
  reason?: LeaveReason | EndReason;
}

export class FakeMeetingDirectory implements MeetingDirectory {
  private readonly tokens = new Map<string, JoinGrant>();
  private readonly endedMeetings = new Set<string>();
  readonly calls: DirectoryCall[] = [];
  private n = 0;

  /** A join token for one person in a meeting (defaults: a 10-seat room, no end). */
  mint(g: Partial<JoinGrant> & { meetingId: string; displayName: string }): string {
    const grant: JoinGrant = {
      roomId: `room-${g.meetingId}`,
      roomName: `Phòng ${g.meetingId}`,
      organisationId: 'org-test',
      participantId: `p${++this.n}-${randomBytes(3).toString('hex')}`,
      userId: null,
      role: 'participant',
      maxParticipants: 10,
      endsAt: null,
      ...g,
    };
    const token = randomBytes(24).toString('base64url');
    this.tokens.set(token, grant);
    return token;
  }

  /** The participant id a token's grant carries (before it is redeemed). */
  participantOf(token: string): string {
    return this.tokens.get(token)!.participantId;
  }

  async redeem(token: string): Promise<JoinGrant> {
    const grant = this.tokens.get(token);
    if (!grant) throw fail('NOT_FOUND', undefined, { vi: 'mã tham gia không hợp lệ hoặc đã dùng', en: 'join token unknown or already used' });
    this.tokens.delete(token);
    if (this.endedMeetings.has(grant.meetingId)) throw fail('INVALID_TRANSITION', undefined, { vi: 'cuộc họp đã kết thúc', en: 'the meeting has ended' });
    return grant;
  }
  async joined(participantId: string, at: Date) {
    this.calls.push({ kind: 'joined', id: participantId, at });
  }
  async left(participantId: string, at: Date, reason: LeaveReason) {
    this.calls.push({ kind: 'left', id: participantId, at, reason });
  }
  async ended(meetingId: string, at: Date, reason: EndReason) {
    this.endedMeetings.add(meetingId);
    this.calls.push({ kind: 'ended', id: meetingId, at, reason });
  }
}
