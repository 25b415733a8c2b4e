import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Ctx } from '../platform/context.ts';
import { fail } from '../platform/errors.ts';
import { hasPermission, type IdentityService, type Permission } from '../modules/identity/index.ts';
import type { Server } from './server.ts';

export const SESSION_COOKIE = 'qldv_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false on endpoints that open a session (login, register): there is no session to bind a token to yet. */
    csrf?: boolean;
  }
}

/**
 * Resolves the caller from `Authorization: Bearer <token>` (API clients) or the session cookie (browser).
 * Cookie sessions must echo their CSRF token in `x-csrf-token` on every state-changing request.
 */
export function registerAuth(app: Server, identity: IdentityService): void {
  app.addHook('onRequest', async (req) => {
    const header = req.headers.authorization;
    const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const cookie = req.cookies?.[SESSION_COOKIE];
    if (header && !bearer) throw fail('UNAUTHENTICATED', undefined, { vi: 'tiêu đề Authorization sai định dạng', en: 'malformed Authorization header' });
    const token = bearer ?? cookie;
    if (!token) return;
    const auth = await identity.authenticate(token);
    if (!auth) {
      if (bearer) throw fail('UNAUTHENTICATED', undefined, { vi: 'mã truy cập không hợp lệ hoặc đã hết hạn', en: 'invalid or expired token' });
      return; // a stale cookie is simply no session
    }
    req.auth = auth;
    req.authVia = bearer ? 'bearer' : 'cookie';
    if (auth.user.locale && !req.headers['accept-language']) req.locale = auth.user.locale;
    if (req.authVia === 'cookie' && !SAFE_METHODS.has(req.method) && req.routeOptions.config.csrf !== false) {
      const given = req.headers['x-csrf-token'];
      if (!identity.csrfTokenValid(auth.sessionId, typeof given === 'string' ? given : undefined)) {
        throw fail('CSRF_INVALID');
      }
    }
  });
}

export function setSessionCookie(reply: FastifyReply, token: string, opts: { secure: boolean; maxAgeSeconds: number }) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: opts.secure,
    maxAge: opts.maxAgeSeconds,
  });
}

/** The signed-in caller, or 401. */
export function requireAuth(req: FastifyRequest) {
  if (!req.auth) throw fail('UNAUTHENTICATED');
  return req.auth;
}

/** A preValidation hook: 401 without a session, 403 without the permission — before the body is even validated. */
export function guard(permission?: Permission) {
  return async (req: FastifyRequest) => {
    const auth = requireAuth(req);
    if (permission && !hasPermission(auth.actor, permission)) throw fail('FORBIDDEN', { permission });
  };
}

export function ctxOf(req: FastifyRequest): Ctx {
  return {
    actor: req.auth?.actor ?? { kind: 'user', id: null, name: 'anonymous', roles: [], orgUnitId: null, orgUnitPath: null, customerId: null },
    locale: req.locale,
    requestId: req.id,
    ip: req.ip,
  };
}

export { pageQuery } from '../shared/fields.ts';

export const errorResponse = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
