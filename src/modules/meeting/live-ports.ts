/**
 * The seam between Meeting's control plane (organisations, rooms, meetings, reports, API: the module's
 * use cases) and its live layer (the WebSocket hub under `live/` and the Janus media plane under
 * `media/`). The control plane owns every row; the live layer owns connections and Janus. Each side
 * is built against these types only, and app.ts hands one to the other.
 */

import type { EndReason, LeaveReason, ParticipantRole, liveParticipant } from './contract.ts';
import type { z } from 'zod';

/** Roles and reasons are part of the live protocol (contract.ts, shared with the room page). */
export type { EndReason, LeaveReason, ParticipantRole } from './contract.ts';

/**
 * What a join token grants: one person in one meeting, as one role. Issued by the control plane
 * (`POST /api/v1/meeting/meetings/{id}/join` for signed-in users, `POST /api/v1/meeting/links/{code}/join` for
 * guests by link with a name) and redeemed once by the live layer when the WebSocket opens.
 */
export interface JoinGrant {
  meetingId: string;
  /** The organisation's room the meeting runs in. */
  roomId: string;
  roomName: string;
  organisationId: string;
  /** The participant row the control plane made for this presence; reports are built from it. */
  participantId: string;
  userId: string | null;
  displayName: string;
  role: ParticipantRole;
  /** Room size (≤ 100): the live layer refuses a connection beyond it. */
  maxParticipants: number;
  /** When the server ends the meeting (the trial cap, A4); null when it runs until ended. */
  endsAt: Date | null;
}

/** The control plane as the live layer sees it (implemented by the meeting module). */
export interface MeetingDirectory {
  /** Checks a join token (signature, expiry, single use, meeting not ended, org not frozen): the grant, or an AppError. */
  redeem(joinToken: string): Promise<JoinGrant>;
  /** The participant is connected (first one starts the meeting: its start webhook, usage). */
  joined(participantId: string, at: Date): Promise<void>;
  left(participantId: string, at: Date, reason: LeaveReason): Promise<void>;
  /** The meeting is over for everyone (end webhook, minutes and peak for usage). Idempotent. */
  ended(meetingId: string, at: Date, reason: EndReason): Promise<void>;
}

/** One live participant as the live layer knows it. */
export type LiveParticipant = z.infer<typeof liveParticipant>;

/** The live layer as the control plane sees it (implemented by `live/`). */
export interface LiveMeetings {
  /** Ends a meeting for everyone now (API end, contract suspended or terminated): notices, Janus room destroyed. */
  end(meetingId: string, reason: EndReason): Promise<void>;
  /** Who is in the meeting now (for the "live now" list and the API's participant list). */
  participants(meetingId: string): Promise<LiveParticipant[]>;
  /** Whether a Janus is configured and answering; the pages say how to install it when not. */
  mediaStatus(): Promise<{ available: boolean; instances: { url: string; up: boolean }[]; hint?: string }>;
}
