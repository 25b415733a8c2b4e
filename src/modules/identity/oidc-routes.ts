import type { FastifyReply, FastifyRequest } from 'fastify';
import { ctxOf, setSessionCookie } from '../../http/auth.ts';
import type { Server } from '../../http/server.ts';
import { isAppError } from '../../platform/errors.ts';
import * as c from './contract.ts';
import { failurePath, LOGIN_TTL_MS } from './domain/oidc.ts';
import type { IdentityService } from './index.ts';
import type { OidcCallback } from './use-cases/oidc-sign-in.ts';

/** Holds the state of the sign-in this browser started: the callback must come back to the same browser. */
export const OIDC_COOKIE = 'qldv_oidc';
const COOKIE_PATH = '/api/v1/auth/oidc';

interface Options {
  secureCookies: boolean;
  sessionHours: number;
  loginPerMinute: number;
}

/** A page load (the browser following a redirect) gets the login page with the code; an API client the JSON error. */
const wantsPage = (req: FastifyRequest) => /\btext\/html\b/.test(String(req.headers.accept ?? ''));

function refuse(err: unknown, req: FastifyRequest, reply: FastifyReply) {
  if (isAppError(err) && wantsPage(req)) return reply.redirect(failurePath(err.code), 303);
  throw err;
}

/**
 * Sign-in with Google / Apple (OpenID Connect, code flow with PKCE). Thin: the use cases decide. Success
 * answers 303 to the page asked for with the session cookie set, as password sign-in does; a failure answers
 * its code (JSON), or a browser is sent to `/login?oidcError=CODE`.
 */
export function oidcRoutes(app: Server, identity: IdentityService, opts: Options) {
  const rateLimit = { max: opts.loginPerMinute, timeWindow: '1 minute' };
  const sessionCookie = { secure: opts.secureCookies, maxAgeSeconds: opts.sessionHours * 3600 };

  app.get('/api/v1/auth/oidc/providers', {
    schema: { tags: ['auth'], summary: 'The sign-in providers enabled here (Google, Apple): what the login page offers', response: { 200: c.oidcProviderList } },
    handler: async () => ({ items: identity.oidcProviders() }),
  });

  app.get('/api/v1/auth/oidc/:provider/start', {
    config: { rateLimit },
    schema: {
      tags: ['auth'],
      summary: 'Start signing in with a provider: 302 to its authorization page (PKCE S256, state, nonce); 404 OIDC_PROVIDER_NOT_ENABLED, 400 OIDC_RETURN_TO_INVALID, 502 OIDC_PROVIDER_UNAVAILABLE',
      params: c.oidcProviderParams,
      querystring: c.oidcStartQuery,
    },
    handler: async (req, reply) => {
      try {
        const started = await identity.startOidcLogin(req.params.provider, req.query.returnTo);
        // Apple posts the callback from its own site: only a SameSite=None (hence Secure) cookie comes along.
        const crossSite = started.crossSitePost && opts.secureCookies;
        reply.setCookie(OIDC_COOKIE, started.state, {
          path: COOKIE_PATH,
          httpOnly: true,
          secure: opts.secureCookies,
          sameSite: crossSite ? 'none' : 'lax',
          maxAge: LOGIN_TTL_MS / 1000,
        });
        return reply.redirect(started.url, 302);
      } catch (err) {
        return refuse(err, req, reply);
      }
    },
  });

  const callback = async (req: FastifyRequest, reply: FastifyReply, input: OidcCallback, provider: string) => {
    try {
      const result = await identity.finishOidcLogin(ctxOf(req), provider, input, req.cookies[OIDC_COOKIE], { userAgent: req.headers['user-agent'] });
      setSessionCookie(reply, result.token, sessionCookie);
      reply.clearCookie(OIDC_COOKIE, { path: COOKIE_PATH });
      return reply.redirect(result.returnTo, 303);
    } catch (err) {
      return refuse(err, req, reply);
    }
  };
  const callbackSummary = (how: string) =>
    `The provider's redirect back (${how}): signs in (303 to returnTo, session cookie set) or answers 400 OIDC_STATE_INVALID, 401 OIDC_DENIED / OIDC_CODE_REJECTED / OIDC_TOKEN_INVALID / OIDC_NONCE_MISMATCH / INVALID_CREDENTIALS, 403 OIDC_EMAIL_UNVERIFIED / OIDC_ACCOUNT_NOT_FOUND, 409 OIDC_ACCOUNT_AMBIGUOUS; a browser (Accept: text/html) is sent to /login?oidcError=CODE instead`;

  app.get('/api/v1/auth/oidc/:provider/callback', {
    config: { rateLimit },
    schema: { tags: ['auth'], summary: callbackSummary('query string: Google'), params: c.oidcProviderParams, querystring: c.oidcCallback },
    handler: async (req, reply) => callback(req, reply, req.query, req.params.provider),
  });

  // Apple's response_mode=form_post: a cross-site POST that carries no CSRF token; the state (bound to this
  // browser's cookie, single use) does that job, so CSRF is off on this one route only.
  app.register(async (child) => {
    const scope = child as Server; // the plugin's instance keeps the contract type provider
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 65_536 }, (_req, body, done) => {
      const out: Record<string, string> = {};
      for (const [k, v] of new URLSearchParams(body as string)) if (!(k in out)) out[k] = v;
      done(null, out);
    });
    scope.post('/api/v1/auth/oidc/:provider/callback', {
      config: { csrf: false, rateLimit },
      schema: {
        tags: ['auth'],
        summary: callbackSummary('form_post: Apple'),
        consumes: ['application/x-www-form-urlencoded'],
        params: c.oidcProviderParams,
        body: c.oidcCallback,
      },
      handler: async (req, reply) => callback(req, reply, req.body, req.params.provider),
    });
  });
}
