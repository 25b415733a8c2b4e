import type { FastifyRequest } from 'fastify';
import { ctxOf, guard } from '../../http/auth.ts';
import type { Server } from '../../http/server.ts';
import * as c from './contract.ts';
import type { MeetingService } from './module.ts';

const tags = ['meeting'];

/** The Meeting routes: the organisation's pages (signed in), the guest link (public), and the API for outside systems (X-Api-Key). */
export function meetingRoutes(app: Server, meeting: MeetingService, opts: { guestJoinsPerMinute: number }) {
  const signedIn = { preValidation: guard() };
  const member = (req: FastifyRequest) => meeting.memberCaller(ctxOf(req));

  // ---- the organisation (H2) -----------------------------------------------------------------------
  app.get('/api/v1/meeting/org', {
    ...signedIn,
    schema: { tags, summary: "The caller's Meeting organisation: room quota and rooms used, trial and its rule, whether media (Janus) runs", response: { 200: c.org } },
    handler: async (req) => meeting.org(ctxOf(req)),
  });
  app.post('/api/v1/meeting/trial', {
    ...signedIn,
    schema: { tags, summary: 'Start a free trial organisation for the caller’s customer (A4: meetings capped by the trial policy); 409 TRIAL_EXISTS', response: { 201: c.org } },
    handler: async (req, reply) => reply.status(201).send(await meeting.startTrial(ctxOf(req))),
  });
  app.get('/api/v1/meeting/accounts', { ...signedIn, schema: { tags, summary: "The organisation's accounts", response: { 200: c.accountList } }, handler: async (req) => meeting.accounts(ctxOf(req)) });
  app.post('/api/v1/meeting/accounts', {
    ...signedIn,
    schema: { tags, summary: 'Add an account (admins): an identity user of the customer, welcome e-mail', body: c.newAccount, response: { 201: c.account } },
    handler: async (req, reply) => reply.status(201).send(await meeting.addAccount(ctxOf(req), req.body)),
  });
  app.patch('/api/v1/meeting/accounts/:id', {
    ...signedIn,
    schema: { tags, summary: 'Edit an account: details, role (admin/member), unit; 409 LAST_ADMIN', params: c.idParams, body: c.accountPatch, response: { 200: c.account } },
    handler: async (req) => meeting.editAccount(ctxOf(req), req.params.id, req.body),
  });
  app.delete('/api/v1/meeting/accounts/:id', {
    ...signedIn,
    schema: { tags, summary: 'Remove an account: out of the organisation and disabled', params: c.idParams, response: { 200: c.ok } },
    handler: async (req) => {
      await meeting.removeAccount(ctxOf(req), req.params.id);
      return { ok: true as const };
    },
  });
  app.get('/api/v1/meeting/units', { ...signedIn, schema: { tags, summary: "The organisation's units", response: { 200: c.unitList } }, handler: async (req) => meeting.units(ctxOf(req)) });
  app.post('/api/v1/meeting/units', {
    ...signedIn,
    schema: { tags, summary: 'Create a unit, optionally assigning accounts to it (admins)', body: c.newUnit, response: { 201: c.unit } },
    handler: async (req, reply) => reply.status(201).send(await meeting.createUnit(ctxOf(req), req.body)),
  });
  app.delete('/api/v1/meeting/units/:id', {
    ...signedIn,
    schema: { tags, summary: 'Delete an empty unit; 409 UNIT_IN_USE', params: c.idParams, response: { 200: c.ok } },
    handler: async (req) => {
      await meeting.deleteUnit(ctxOf(req), req.params.id);
      return { ok: true as const };
    },
  });

  // ---- rooms ----------------------------------------------------------------------------------------
  app.get('/api/v1/meeting/rooms', {
    ...signedIn,
    schema: { tags, summary: 'Rooms the caller may use (all for admins): the room report — meetings held, minutes, last use', response: { 200: c.roomList } },
    handler: async (req) => meeting.rooms(ctxOf(req)),
  });
  app.post('/api/v1/meeting/rooms', {
    ...signedIn,
    schema: {
      tags,
      summary: 'Create a room of the quota (a fixed room with its allowed users and units: admins); 409 ROOM_QUOTA_EXCEEDED, ORGANISATION_SUSPENDED',
      body: c.roomBody,
      response: { 201: c.room },
    },
    handler: async (req, reply) => reply.status(201).send(await meeting.createRoom(ctxOf(req), req.body)),
  });
  app.patch('/api/v1/meeting/rooms/:id', {
    ...signedIn,
    schema: { tags, summary: "Change a room's name, kind or who may join (admins)", params: c.idParams, body: c.roomPatch, response: { 200: c.room } },
    handler: async (req) => meeting.updateRoom(ctxOf(req), req.params.id, req.body),
  });
  app.delete('/api/v1/meeting/rooms/:id', {
    ...signedIn,
    schema: { tags, summary: 'Delete a room: it leaves the quota', params: c.idParams, response: { 200: c.ok } },
    handler: async (req) => {
      await meeting.deleteRoom(ctxOf(req), req.params.id);
      return { ok: true as const };
    },
  });
  app.get('/api/v1/meeting/live', { ...signedIn, schema: { tags, summary: 'Rooms live now and who is in them', response: { 200: c.liveList } }, handler: async (req) => meeting.liveNow(ctxOf(req)) });
  app.get('/api/v1/meeting/usage', {
    ...signedIn,
    schema: { tags, summary: 'Monthly usage (admins): meetings, minutes, participant-minutes, peak participants', response: { 200: c.usage } },
    handler: async (req) => meeting.usage(ctxOf(req)),
  });

  // ---- meetings (H1) ----------------------------------------------------------------------------------
  app.get('/api/v1/meeting/meetings', {
    ...signedIn,
    schema: { tags, summary: 'Meeting history (admins: all of the organisation; members: theirs)', querystring: c.meetingQuery, response: { 200: c.meetingList } },
    handler: async (req) => meeting.meetings(await member(req), req.query),
  });
  app.post('/api/v1/meeting/meetings', {
    ...signedIn,
    schema: { tags, summary: 'Create an instant (no scheduledAt) or scheduled meeting in a room, inviting by e-mail; 403 ROOM_NOT_ALLOWED', body: c.meetingBody, response: { 201: c.meeting } },
    handler: async (req, reply) => reply.status(201).send(await meeting.createMeeting(await member(req), req.body)),
  });
  app.get('/api/v1/meeting/meetings/:id', {
    ...signedIn,
    schema: { tags, summary: 'Meeting details and report: who, when, how long', params: c.idParams, response: { 200: c.meetingReport } },
    handler: async (req) => meeting.meetingReport(await member(req), req.params.id),
  });
  app.post('/api/v1/meeting/meetings/:id/invite', {
    ...signedIn,
    schema: { tags, summary: 'Invite by e-mail (the guest link)', params: c.idParams, body: c.inviteBody, response: { 200: c.invited } },
    handler: async (req) => meeting.invite(await member(req), req.params.id, req.body.emails),
  });
  app.post('/api/v1/meeting/meetings/:id/end', {
    ...signedIn,
    schema: { tags, summary: 'End the meeting for everyone (its host or an admin)', params: c.idParams, response: { 200: c.meeting } },
    handler: async (req) => meeting.endMeeting(await member(req), req.params.id),
  });
  app.post('/api/v1/meeting/meetings/:id/join', {
    ...signedIn,
    schema: {
      tags,
      summary: 'Join as a member the room admits: a single-use join token (2 minutes) and the room page /meeting/live#<token>; 403 ROOM_NOT_ALLOWED, 409 ROOM_FULL, MEETING_ENDED',
      params: c.idParams,
      response: { 200: c.joined },
    },
    handler: async (req) => meeting.join(ctxOf(req), req.params.id),
  });

  // ---- guests by link (public) -----------------------------------------------------------------------
  const perAddress = { csrf: false, rateLimit: { max: opts.guestJoinsPerMinute, timeWindow: '1 minute' } };
  app.get('/api/v1/meeting/links/:code', {
    config: perAddress,
    schema: { tags, summary: 'What a guest link opens (public)', params: c.codeParams, response: { 200: c.linkInfo } },
    handler: async (req) => meeting.linkInfo(req.params.code),
  });
  app.post('/api/v1/meeting/links/:code/join', {
    config: perAddress,
    schema: { tags, summary: 'Join by link as a guest with a name (public, rate-limited per address)', params: c.codeParams, body: c.guestJoinBody, response: { 200: c.joined } },
    handler: async (req) => meeting.joinByLink(ctxOf(req), req.params.code, req.body.displayName),
  });

  // ---- API keys and webhooks (admins) -------------------------------------------------------------------
  app.get('/api/v1/meeting/api-keys', { ...signedIn, schema: { tags, summary: "The organisation's API keys", response: { 200: c.apiKeyList } }, handler: async (req) => meeting.apiKeys(ctxOf(req)) });
  app.post('/api/v1/meeting/api-keys', {
    ...signedIn,
    schema: { tags, summary: 'A new API key for outside systems: shown once', body: c.apiKeyBody, response: { 201: c.apiKeyCreated } },
    handler: async (req, reply) => reply.status(201).send(await meeting.createApiKey(ctxOf(req), req.body.name)),
  });
  app.delete('/api/v1/meeting/api-keys/:id', {
    ...signedIn,
    schema: { tags, summary: 'Revoke an API key', params: c.idParams, response: { 200: c.ok } },
    handler: async (req) => {
      await meeting.revokeApiKey(ctxOf(req), req.params.id);
      return { ok: true as const };
    },
  });
  app.get('/api/v1/meeting/webhook', {
    ...signedIn,
    schema: { tags, summary: 'The webhook endpoint and its last deliveries', response: { 200: c.webhookStatus } },
    handler: async (req) => meeting.webhook(ctxOf(req)),
  });
  app.put('/api/v1/meeting/webhook', {
    ...signedIn,
    schema: { tags, summary: 'Set the endpoint for meeting.started / meeting.ended; a new signing secret, shown once', body: c.webhookBody, response: { 200: c.webhookSet } },
    handler: async (req) => meeting.setWebhook(ctxOf(req), req.body.url),
  });
  app.delete('/api/v1/meeting/webhook', {
    ...signedIn,
    schema: { tags, summary: 'Remove the webhook endpoint', response: { 200: c.ok } },
    handler: async (req) => {
      await meeting.removeWebhook(ctxOf(req));
      return { ok: true as const };
    },
  });

  // ---- the API for outside systems (H4): X-Api-Key ------------------------------------------------------
  const perKey = { csrf: false, rateLimit: { max: 600, timeWindow: '1 minute', keyGenerator: (req: FastifyRequest) => String(req.headers['x-api-key'] ?? req.ip) } };
  const apiCaller = (req: FastifyRequest) => meeting.authorizeApiKey(typeof req.headers['x-api-key'] === 'string' ? req.headers['x-api-key'] : undefined, { requestId: req.id, ip: req.ip });
  app.post('/api/v1/meeting/ext/meetings', {
    config: perKey,
    schema: { tags, summary: 'API: create an instant or scheduled meeting (X-Api-Key); 401 MEETING_API_KEY_INVALID', headers: c.apiHeaders, body: c.meetingBody, response: { 201: c.meeting } },
    handler: async (req, reply) => reply.status(201).send(await meeting.createMeeting(await apiCaller(req), req.body)),
  });
  app.get('/api/v1/meeting/ext/meetings', {
    config: perKey,
    schema: { tags, summary: "API: the organisation's meetings", headers: c.apiHeaders, querystring: c.meetingQuery, response: { 200: c.meetingList } },
    handler: async (req) => meeting.meetings(await apiCaller(req), req.query),
  });
  app.get('/api/v1/meeting/ext/meetings/:id', {
    config: perKey,
    schema: { tags, summary: 'API: meeting details and report', headers: c.apiHeaders, params: c.idParams, response: { 200: c.meetingReport } },
    handler: async (req) => meeting.meetingReport(await apiCaller(req), req.params.id),
  });
  app.post('/api/v1/meeting/ext/meetings/:id/end', {
    config: perKey,
    schema: { tags, summary: 'API: end a meeting for everyone', headers: c.apiHeaders, params: c.idParams, response: { 200: c.meeting } },
    handler: async (req) => meeting.endMeeting(await apiCaller(req), req.params.id),
  });
  app.post('/api/v1/meeting/ext/meetings/:id/invite', {
    config: perKey,
    schema: { tags, summary: 'API: invite by e-mail', headers: c.apiHeaders, params: c.idParams, body: c.inviteBody, response: { 200: c.invited } },
    handler: async (req) => meeting.invite(await apiCaller(req), req.params.id, req.body.emails),
  });
  app.get('/api/v1/meeting/ext/meetings/:id/participants', {
    config: perKey,
    schema: { tags, summary: 'API: who is in the meeting now', headers: c.apiHeaders, params: c.idParams, response: { 200: c.participantList } },
    handler: async (req) => meeting.participants(await apiCaller(req), req.params.id),
  });
  app.get('/api/v1/meeting/ext/rooms', {
    config: perKey,
    schema: { tags, summary: "API: the organisation's rooms", headers: c.apiHeaders, response: { 200: c.roomList } },
    handler: async (req) => {
      const caller = await apiCaller(req);
      return meeting.roomsOf(caller);
    },
  });
}
