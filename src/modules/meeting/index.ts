/** The Meeting module's public API (app.ts mounts `routes.ts`; the live layer is built against live-ports.ts). */
export { createMeeting, type MeetingService } from './module.ts';
export type { MeetingModuleDeps, MeetingSettings } from './deps.ts';
export type { EndReason, JoinGrant, LeaveReason, LiveMeetings, LiveParticipant, MeetingDirectory, ParticipantRole } from './live-ports.ts';
export { meetingError } from './errors.ts';
