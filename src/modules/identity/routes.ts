import { z } from 'zod';
import { ctxOf, guard, pageQuery, requireAuth, setSessionCookie, SESSION_COOKIE } from '../../http/auth.ts';
import type { Server } from '../../http/server.ts';
import { ROLES } from './domain/roles.ts';
import type { IdentityService } from './index.ts';

const username = z.string().trim().min(3).max(50).regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash, underscore');
const phone = z.string().trim().regex(/^(\+?84|0)\d{9,10}$/, 'Vietnamese phone number');
const email = z.email().max(200);

const publicUser = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  roles: z.array(z.string()),
  orgUnit: z.object({ id: z.string(), code: z.string(), name: z.string(), nameEn: z.string() }).nullable(),
  customer: z.object({ id: z.string(), name: z.string(), type: z.enum(['individual', 'enterprise']) }).nullable(),
  status: z.enum(['active', 'disabled']),
  locale: z.enum(['vi', 'en']),
  createdAt: z.date(),
  lastLoginAt: z.date().nullable(),
});
const signedIn = z.object({ token: z.string(), csrfToken: z.string(), user: publicUser });

interface RouteOptions {
  secureCookies: boolean;
  sessionHours: number;
  simulators: boolean;
  loginPerMinute: number;
}

export function identityRoutes(app: Server, identity: IdentityService, opts: RouteOptions) {
  const cookieOpts = { secure: opts.secureCookies, maxAgeSeconds: opts.sessionHours * 3600 };

  app.post('/api/v1/auth/login', {
    config: { csrf: false, rateLimit: { max: opts.loginPerMinute, timeWindow: '1 minute' } },
    schema: {
      tags: ['auth'],
      summary: 'Sign in; returns a bearer token and sets the session cookie',
      body: z.object({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) }).strict(),
      response: { 200: signedIn },
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
      body: z.object({ username, password: z.string().min(1).max(200), fullName: z.string().trim().min(2).max(200), email, phone }).strict(),
      response: { 201: signedIn },
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
      response: { 200: z.object({ user: publicUser, csrfToken: z.string(), permissions: z.array(z.string()), simulators: z.boolean() }) },
    },
    preValidation: guard(),
    handler: async (req) => {
      const auth = requireAuth(req);
      return {
        user: auth.user,
        csrfToken: identity.csrfTokenFor(auth.sessionId),
        permissions: identity.permissionsOf(auth.user),
        simulators: opts.simulators,
      };
    },
  });

  const newPassword = z.string().min(1).max(200);

  app.post('/api/v1/auth/password/forgot', {
    config: { csrf: false, rateLimit: { max: opts.loginPerMinute, timeWindow: '1 minute' } },
    schema: {
      tags: ['auth'],
      summary: 'Forgot password: e-mails a single-use reset link (valid 30 minutes); the same answer whether or not the address has an account',
      body: z.object({ email }).strict(),
      response: { 202: z.object({ accepted: z.literal(true) }) },
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
      body: z.object({ token: z.string().min(20).max(100), password: newPassword }).strict(),
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
      body: z.object({ currentPassword: z.string().min(1).max(200), newPassword }).strict(),
    },
    preValidation: guard(),
    handler: async (req, reply) => {
      await identity.changePassword(ctxOf(req), requireAuth(req), req.body.currentPassword, req.body.newPassword);
      return reply.status(204).send();
    },
  });

  const session = z.object({
    id: z.string(),
    createdAt: z.date(),
    lastSeenAt: z.date(),
    expiresAt: z.date(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    current: z.boolean(),
  });

  app.get('/api/v1/me/sessions', {
    schema: { tags: ['auth'], summary: 'My open sessions (device, address, opened, last seen)', response: { 200: z.object({ items: z.array(session) }) } },
    preValidation: guard(),
    handler: async (req) => ({ items: await identity.sessionsOf(requireAuth(req)) }),
  });

  app.delete('/api/v1/me/sessions', {
    schema: { tags: ['auth'], summary: 'Sign out of every other session', response: { 200: z.object({ ended: z.number() }) } },
    preValidation: guard(),
    handler: async (req) => ({ ended: await identity.endSessions(ctxOf(req), requireAuth(req), 'others') }),
  });

  app.delete('/api/v1/me/sessions/:id', {
    schema: { tags: ['auth'], summary: 'Sign out of one of my sessions', params: z.object({ id: z.string().max(40) }) },
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
      response: {
        200: z.object({
          items: z.array(
            z.object({
              id: z.string(),
              code: z.string(),
              name: z.string(),
              nameEn: z.string(),
              kind: z.string(),
              agentKind: z.string().nullable(),
              parentId: z.string().nullable(),
            }),
          ),
        }),
      },
    },
    preValidation: guard('org.read'),
    handler: async () => ({ items: identity.orgUnitList() }),
  });

  const roles = z.array(z.enum(ROLES)).min(1).max(ROLES.length);

  app.get('/api/v1/admin/users', {
    schema: {
      tags: ['admin'],
      summary: 'List users (paged, searchable)',
      querystring: z.object({ q: z.string().trim().max(100).optional(), ...pageQuery }).strict(),
      response: { 200: z.object({ items: z.array(publicUser), total: z.number(), page: z.number(), pageSize: z.number() }) },
    },
    preValidation: guard('users.manage'),
    handler: async (req) => identity.listUsers(req.query),
  });

  app.get('/api/v1/admin/users/:id', {
    schema: { tags: ['admin'], params: z.object({ id: z.string().max(40) }), response: { 200: publicUser } },
    preValidation: guard('users.manage'),
    handler: async (req) => identity.getUser(req.params.id),
  });

  app.post('/api/v1/admin/users', {
    schema: {
      tags: ['admin'],
      summary: 'Create a staff or customer user',
      body: z
        .object({
          username,
          password: z.string().min(1).max(200),
          fullName: z.string().trim().min(2).max(200),
          email,
          phone: phone.optional(),
          roles,
          orgUnitId: z.string().max(40).optional(),
          customerId: z.string().max(40).optional(),
        })
        .strict(),
      response: { 201: publicUser },
    },
    preValidation: guard('users.manage'),
    handler: async (req, reply) => reply.status(201).send(await identity.createUser(ctxOf(req), req.body)),
  });

  app.patch('/api/v1/admin/users/:id', {
    schema: {
      tags: ['admin'],
      summary: 'Change a user: details, roles, unit, status or password',
      params: z.object({ id: z.string().max(40) }),
      body: z
        .object({
          fullName: z.string().trim().min(2).max(200).optional(),
          email: email.optional(),
          phone: phone.nullable().optional(),
          roles: roles.optional(),
          orgUnitId: z.string().max(40).nullable().optional(),
          status: z.enum(['active', 'disabled']).optional(),
          password: z.string().min(1).max(200).optional(),
        })
        .strict()
        .refine((b) => Object.keys(b).length > 0, 'nothing to change'),
      response: { 200: publicUser },
    },
    preValidation: guard('users.manage'),
    handler: async (req) => identity.updateUser(ctxOf(req), req.params.id, req.body),
  });
}
