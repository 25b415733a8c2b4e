import { ctxOf, guard, requireAuth, setSessionCookie, SESSION_COOKIE } from '../../http/auth.ts';
import type { Server } from '../../http/server.ts';
import * as c from './contract.ts';
import type { IdentityService } from './index.ts';
import { oidcRoutes } from './oidc-routes.ts';

interface RouteOptions {
  secureCookies: boolean;
  sessionHours: number;
  simulators: boolean;
  loginPerMinute: number;
}

export function identityRoutes(app: Server, identity: IdentityService, opts: RouteOptions) {
  const cookieOpts = { secure: opts.secureCookies, maxAgeSeconds: opts.sessionHours * 3600 };
  oidcRoutes(app, identity, opts);

  app.post('/api/v1/auth/login', {
    config: { csrf: false, rateLimit: { max: opts.loginPerMinute, timeWindow: '1 minute' } },
    schema: {
      tags: ['auth'],
      summary: 'Sign in; returns a bearer token and sets the session cookie',
      body: c.login,
      response: { 200: c.signedIn },
    },
    handler: async (req, reply) => {
      const result = await identity.login(ctxOf(req), req.body.username, req.body.password, { userAgent: req.headers['user-agent'] });
      setSessionCookie(reply, result.token, cookieOpts);
      return result;
    },
  });

  app.post('/api/v1/auth/register', {
    config: { csrf: false, rateLimit: { max: opts.loginPerMinute, timeWindow: '1 minute' } },
    schema: {
      tags: ['auth'],
      summary: 'Self-registration of an individual customer (KHCN)',
      body: c.registration,
      response: { 201: c.signedIn },
    },
    handler: async (req, reply) => {
      const result = await identity.register(ctxOf(req), req.body);
      setSessionCookie(reply, result.token, cookieOpts);
      return reply.status(201).send(result);
    },
  });

  app.post('/api/v1/auth/logout', {
    schema: { tags: ['auth'], summary: 'End the current session' },
    preValidation: guard(),
    handler: async (req, reply) => {
      await identity.logout(ctxOf(req), requireAuth(req).sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  });

  app.get('/api/v1/me', {
    schema: {
      tags: ['auth'],
      summary: 'The signed-in user, their permissions and a CSRF token for the browser',
      response: { 200: c.me },
    },
    preValidation: guard(),
    handler: async (req) => {
      const auth = requireAuth(req);
      return {
        user: await identity.publicUser(auth.user),
        csrfToken: identity.csrfTokenFor(auth.sessionId),
        permissions: identity.permissionsOf(auth.user),
        simulators: opts.simulators,
      };
    },
  });

  app.post('/api/v1/auth/password/forgot', {
    config: { csrf: false, rateLimit: { max: opts.loginPerMinute, timeWindow: '1 minute' } },
    schema: {
      tags: ['auth'],
      summary: 'Forgot password: e-mails a single-use reset link (valid 30 minutes); the same answer whether or not the address has an account',
      body: c.forgotPassword,
      response: { 202: c.accepted },
    },
    handler: async (req, reply) => {
      await identity.requestPasswordReset(ctxOf(req), req.body.email);
      return reply.status(202).send({ accepted: true });
    },
  });

  app.post('/api/v1/auth/password/reset', {
    config: { csrf: false, rateLimit: { max: opts.loginPerMinute, timeWindow: '1 minute' } },
    schema: {
      tags: ['auth'],
      summary: 'Set a new password with the e-mailed link; every session of the account ends',
      body: c.resetPassword,
    },
    handler: async (req, reply) => {
      await identity.resetPassword(ctxOf(req), req.body.token, req.body.password);
      return reply.status(204).send();
    },
  });

  app.post('/api/v1/me/password', {
    config: { rateLimit: { max: opts.loginPerMinute, timeWindow: '1 minute' } },
    schema: {
      tags: ['auth'],
      summary: 'Change my password (the current one is required); my other sessions end',
      body: c.changePassword,
    },
    preValidation: guard(),
    handler: async (req, reply) => {
      await identity.changePassword(ctxOf(req), requireAuth(req), req.body.currentPassword, req.body.newPassword);
      return reply.status(204).send();
    },
  });

  app.get('/api/v1/me/sessions', {
    schema: { tags: ['auth'], summary: 'My open sessions (device, address, opened, last seen)', response: { 200: c.sessionList } },
    preValidation: guard(),
    handler: async (req) => ({ items: await identity.sessionsOf(requireAuth(req)) }),
  });

  app.delete('/api/v1/me/sessions', {
    schema: { tags: ['auth'], summary: 'Sign out of every other session', response: { 200: c.ended } },
    preValidation: guard(),
    handler: async (req) => ({ ended: await identity.endSessions(ctxOf(req), requireAuth(req), 'others') }),
  });

  app.delete('/api/v1/me/sessions/:id', {
    schema: { tags: ['auth'], summary: 'Sign out of one of my sessions', params: c.idParams },
    preValidation: guard(),
    handler: async (req, reply) => {
      const auth = requireAuth(req);
      await identity.endSessions(ctxOf(req), auth, req.params.id);
      if (req.params.id === auth.sessionId) reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  });

  app.get('/api/v1/org-units', {
    schema: {
      tags: ['identity'],
      summary: 'The org-unit tree (flat, with parent ids)',
      response: { 200: c.orgUnitList },
    },
    preValidation: guard('org.read'),
    handler: async () => ({ items: identity.orgUnitList() }),
  });

  app.get('/api/v1/admin/users', {
    schema: {
      tags: ['admin'],
      summary: 'List users (paged, searchable)',
      querystring: c.userQuery,
      response: { 200: c.usersPage },
    },
    preValidation: guard('users.manage'),
    handler: async (req) => identity.listUsers(req.query),
  });

  app.get('/api/v1/admin/users/:id', {
    schema: { tags: ['admin'], params: c.idParams, response: { 200: c.publicUser } },
    preValidation: guard('users.manage'),
    handler: async (req) => identity.getUser(req.params.id),
  });

  app.post('/api/v1/admin/users', {
    schema: {
      tags: ['admin'],
      summary: 'Create a staff or customer user',
      body: c.newUser,
      response: { 201: c.publicUser },
    },
    preValidation: guard('users.manage'),
    handler: async (req, reply) => reply.status(201).send(await identity.createUser(ctxOf(req), req.body)),
  });

  app.patch('/api/v1/admin/users/:id', {
    schema: {
      tags: ['admin'],
      summary: 'Change a user: details, roles, unit, status or password',
      params: c.idParams,
      body: c.userPatch,
      response: { 200: c.publicUser },
    },
    preValidation: guard('users.manage'),
    handler: async (req) => identity.updateUser(ctxOf(req), req.params.id, req.body),
  });
}
