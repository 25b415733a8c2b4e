/**
 * The live WebSocket's frames as the page sees them (the server's definition and validation:
 * src/modules/meeting/live/messages.ts).
 */
export type ParticipantRole = 'host' | 'participant' | 'guest';
export type LeaveReason = 'left' | 'kicked' | 'ended' | 'disconnected';
export type EndReason = 'host' | 'api' | 'trial_cap' | 'empty' | 'suspended';

export interface RosterEntry {
  participantId: string;
  displayName: string;
  role: ParticipantRole;
  audioMuted: boolean;
  videoMuted: boolean;
  handRaised: boolean;
  feedId: number;
  screenFeedId: number;
  hostMuted: boolean;
  screenSharing: boolean;
}

export interface MediaAccess {
  available: boolean;
  url?: string;
  ticket?: string;
  room?: number;
  pin?: string;
  hint?: string;
}

export type NoticeKind = 'muted_by_host' | 'unmuted_by_host' | 'kicked' | 'host' | 'ending_soon' | 'trial_cap';

export type ServerMessage =
  | {
      type: 'welcome';
      you: { participantId: string; displayName: string; role: ParticipantRole; feedId: number; screenFeedId: number };
      meeting: { id: string; roomName: string; endsAt: string | null; maxParticipants: number };
      media: MediaAccess;
      roster: RosterEntry[];
    }
  | { type: 'joined'; participant: RosterEntry }
  | { type: 'left'; participantId: string; reason: LeaveReason }
  | { type: 'state'; participant: RosterEntry }
  | { type: 'chat'; from: { participantId: string; displayName: string }; text: string; at: string }
  | { type: 'private'; from: { participantId: string; displayName: string }; to: string; text: string; at: string }
  | { type: 'notice'; kind: NoticeKind; text?: string; by?: string; target?: string }
  | { type: 'ended'; reason: EndReason }
  | { type: 'error'; code: string; reason: string; refusal?: { code: string; vi: string; en: string } }
  | { type: 'pong' };

export type HostActionName = 'mute_all' | 'mute_all_except' | 'mute' | 'allow_unmute' | 'kick' | 'end';

export type ClientMessage =
  | { type: 'hello'; token: string }
  | { type: 'chat'; text: string }
  | { type: 'private'; to: string; text: string }
  | { type: 'hand'; raised: boolean }
  | { type: 'media'; audioMuted?: boolean; videoMuted?: boolean; screen?: boolean }
  | { type: 'notice'; text: string }
  | { type: 'host'; action: HostActionName; target?: string }
  | { type: 'leave' }
  | { type: 'ping' };

/** Janus mids of the camera publisher: audio first, video second (the server moderates mid 0 to mute). */
export const AUDIO_MID = '0';
