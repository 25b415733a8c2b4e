/** The Meeting module as one object (see index.ts). */
import type { Ctx } from '../../platform/context.ts';
import { MEETING_PRODUCT, type Deps, type MeetingModuleDeps } from './deps.ts';
import type { LiveMeetings } from './live-ports.ts';
import { addAccount, createUnit, deleteUnit, editAccount, listAccounts, listUnits, removeAccount, type AccountPatch, type NewAccount } from './use-cases/accounts.ts';
import { authorizeApiKey, createApiKey, listApiKeys, revokeApiKey } from './use-cases/api-keys.ts';
import { endMeeting, meetingDirectory } from './use-cases/directory.ts';
import { joinAsGuest, joinAsMember, linkInfo } from './use-cases/join.ts';
import {
  createMeeting as newMeeting,
  endByCaller,
  invite,
  listMeetings,
  listParticipants,
  meetingReport,
  memberCaller,
  type Caller,
  type MeetingInput,
} from './use-cases/meetings.ts';
import { getOrg, startTrial } from './use-cases/org.ts';
import { endLiveMeetings, followContract, FREEZE_QUEUE, meetingProvisioning } from './use-cases/provision.ts';
import { createRoom, deleteRoom, listRooms, liveNow, roomsReport, updateRoom, type RoomInput } from './use-cases/rooms.ts';
import { monthlyUsage, usageOfCaller } from './use-cases/usage.ts';
import { deliverWebhook, removeWebhook, setWebhook, WEBHOOK_QUEUE, webhookStatus } from './use-cases/webhooks.ts';

/**
 * MobiFone Meeting's control plane (SPEC H, issue #13): organisations provisioned from contracts (or
 * trials), accounts, units, rooms within the quota, meetings, joins and their tokens, reports, the API
 * for outside systems with its webhooks, and usage. The live layer (WebSocket hub, Janus) is attached
 * with `attachLive` and calls back through `directory`.
 */
export function createMeeting(deps: MeetingModuleDeps) {
  const d: Deps = { ...deps, live: { current: null } };
  deps.contracts.registerProvisioning(MEETING_PRODUCT, meetingProvisioning(d));
  deps.contracts.onServiceChange(followContract(d));
  deps.jobs.register(WEBHOOK_QUEUE, (p: { deliveryId: string }, job) => deliverWebhook(d, p.deliveryId, job.attempt));
  deps.jobs.register(FREEZE_QUEUE, (p: { organisationId: string }) =>
    endLiveMeetings(d, p.organisationId, async (meetingId) => {
      await endMeeting(d, meetingId, d.clock.now(), 'suspended');
      await d.live.current?.end(meetingId, 'suspended');
    }),
  );
  const asMember = (ctx: Ctx) => memberCaller(d, ctx);
  return {
    /** The control plane as the live layer calls it (redeem a join token, presence, end). */
    directory: meetingDirectory(d),
    /** Late binding: the live layer is built after the module; until then media is "unavailable" and end() only updates rows. */
    attachLive(live: LiveMeetings): void {
      d.live.current = live;
    },
    // organisation
    org: (ctx: Ctx) => getOrg(d, ctx),
    startTrial: (ctx: Ctx) => startTrial(d, ctx),
    accounts: (ctx: Ctx) => listAccounts(d, ctx),
    addAccount: (ctx: Ctx, a: NewAccount) => addAccount(d, ctx, a),
    editAccount: (ctx: Ctx, userId: string, p: AccountPatch) => editAccount(d, ctx, userId, p),
    removeAccount: (ctx: Ctx, userId: string) => removeAccount(d, ctx, userId),
    units: (ctx: Ctx) => listUnits(d, ctx),
    createUnit: (ctx: Ctx, p: { name: string; userIds?: string[] }) => createUnit(d, ctx, p),
    deleteUnit: (ctx: Ctx, id: string) => deleteUnit(d, ctx, id),
    rooms: (ctx: Ctx) => listRooms(d, ctx),
    createRoom: (ctx: Ctx, r: RoomInput) => createRoom(d, ctx, r),
    updateRoom: (ctx: Ctx, id: string, r: Partial<RoomInput>) => updateRoom(d, ctx, id, r),
    deleteRoom: (ctx: Ctx, id: string) => deleteRoom(d, ctx, id),
    liveNow: (ctx: Ctx) => liveNow(d, ctx),
    usage: (ctx: Ctx) => usageOfCaller(d, ctx),
    /** Meetings, minutes and peak participants per month of one organisation (billing, reports). */
    monthlyUsage: (organisationId: string, months?: number) => monthlyUsage(d, organisationId, months),
    // meetings: a member (ctx) or an outside system (caller from its API key)
    memberCaller: asMember,
    authorizeApiKey: (key: string | undefined, from: { requestId?: string; ip?: string }) => authorizeApiKey(d, key, from),
    roomsOf: (c: Caller) => roomsReport(d, c.org, c.member),
    createMeeting: (c: Caller, input: MeetingInput) => newMeeting(d, c, input),
    meetings: (c: Caller, q: Parameters<typeof listMeetings>[2]) => listMeetings(d, c, q),
    meetingReport: (c: Caller, id: string) => meetingReport(d, c, id),
    invite: (c: Caller, id: string, emails: string[]) => invite(d, c, id, emails),
    participants: (c: Caller, id: string) => listParticipants(d, c, id),
    endMeeting: (c: Caller, id: string) => endByCaller(d, c, id),
    join: (ctx: Ctx, meetingId: string) => joinAsMember(d, ctx, meetingId),
    joinByLink: (ctx: Ctx, code: string, displayName: string) => joinAsGuest(d, ctx, code, displayName),
    linkInfo: (code: string) => linkInfo(d, code),
    // API keys and webhooks (admins)
    apiKeys: (ctx: Ctx) => listApiKeys(d, ctx),
    createApiKey: (ctx: Ctx, name: string) => createApiKey(d, ctx, name),
    revokeApiKey: (ctx: Ctx, id: string) => revokeApiKey(d, ctx, id),
    webhook: (ctx: Ctx) => webhookStatus(d, ctx),
    setWebhook: (ctx: Ctx, url: string) => setWebhook(d, ctx, url),
    removeWebhook: (ctx: Ctx) => removeWebhook(d, ctx),
  };
}

export type MeetingService = ReturnType<typeof createMeeting>;
