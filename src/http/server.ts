import { existsSync } from 'node:fs';
import path from 'node:path';
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyTypeProvider } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from 'helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { type AppError, fail, isAppError, type KernelCode, type Locale } from '../platform/errors.ts';
import { ulid } from '../platform/ids.ts';
import { createLogger, type DestinationStream } from '../platform/log.ts';
import type { Authenticated } from '../modules/identity/index.ts';
import { z } from 'zod';
import type { $ZodType, input, output } from 'zod/v4/core';
import { firstUncleanText } from './validation.ts';

/**
 * Requests are typed as what their schema yields (coerced, defaulted); a handler returns what its response
 * schema takes (a `Date`, a `bigint`), which the serializer turns into what the contract sends (ISO text, digits).
 */
export interface ContractTypeProvider extends FastifyTypeProvider {
  validator: this['schema'] extends $ZodType ? output<this['schema']> : unknown;
  serializer: this['schema'] extends $ZodType ? input<this['schema']> : unknown;
}

export type Server = FastifyInstance<any, any, any, any, ContractTypeProvider>;

declare module 'fastify' {
  interface FastifyRequest {
    auth: Authenticated | null;
    /** How the caller authenticated: CSRF applies to cookie sessions only. */
    authVia: 'cookie' | 'bearer' | null;
    locale: Locale;
  }
  interface FastifyInstance {
    /** Every route as `METHOD /path` (HEAD twins left out), in registration order: the access matrix is checked against it. */
    routeTable: string[];
  }
}

export interface ServerOptions {
  logLevel: string;
  /** Where log lines go (stdout when not given). */
  logDestination?: DestinationStream;
  webRoot?: string;
  rateLimitPerMinute?: number;
  /** Proxies whose X-Forwarded-For is believed; none: the socket address is the client's. */
  trustedProxies?: string[];
  version: string;
  /** Origins the pages may connect to beyond 'self' (CSP connect-src): see cspConnectSources. */
  connectSrc?: string[];
}

/**
 * The CSP's connect-src beyond 'self': the live meeting WebSocket's origin (ws: or wss: of the public
 * base URL; 'self' covers it in current browsers, older Safari needs it spelled out) and every Janus the
 * browsers reach directly (JANUS_PUBLIC_URLS, by origin: the page calls paths under it).
 */
export function cspConnectSources(publicBaseUrl: string, directUrls: readonly string[] = []): string[] {
  const base = new URL(publicBaseUrl);
  const hub = `${base.protocol === 'https:' ? 'wss:' : 'ws:'}//${base.host}`;
  return [...new Set([hub, ...directUrls.map((u) => new URL(u).origin)])];
}

/** One log line per request, when it ends, instead of Fastify's two. */
class OneLinePerRequest extends LogController {
  override incomingRequest() {}
  override requestCompleted(error: Error | null | undefined, req: FastifyRequest, reply: FastifyReply) {
    // The path without its query: a query may carry a payment link's token or a VNPay signature.
    const line = { method: req.method, path: req.url.split('?')[0], status: reply.statusCode, ms: Math.round(reply.elapsedTime) };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request');
  }
}

export function localeOf(header: string | undefined): Locale {
  return header && /^en\b/i.test(header.trim()) ? 'en' : 'vi';
}

export async function createServer(opts: ServerOptions): Promise<Server> {
  const app = Fastify({
    loggerInstance: createLogger(opts.logLevel, opts.logDestination),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.:-]{6,80}$/.test(given) ? given : `req_${ulid(Date.now())}`;
    },
    // Only a configured proxy may say who the client is: anyone else could rotate X-Forwarded-For.
    trustProxy: opts.trustedProxies?.length ? opts.trustedProxies : false,
    bodyLimit: 1_048_576,
    logController: new OneLinePerRequest(),
    ajv: { customOptions: { removeAdditional: false } },
    // A path whose percent-encoding is not UTF-8 (`/contracts/%FF`) gets the same coded answer as bad text.
    frameworkErrors: (err, req, reply) => {
      req.locale = localeOf(req.headers['accept-language']);
      return sendError(err.code === 'FST_ERR_BAD_URL' ? fail('INVALID_TEXT', { url: 'path' }) : err, req, reply);
    },
  }).withTypeProvider<ContractTypeProvider>();

  // The API speaks JSON only: anything else is refused with 415 rather than validated as a string.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Money is bigint đồng in code and a decimal string in JSON.
  app.setReplySerializer((payload) => JSON.stringify(payload, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));
  const routeTable: string[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    for (const m of [route.method].flat()) if (m !== 'HEAD') routeTable.push(`${m} ${route.url}`);
  });
  app.decorateRequest('auth', null);
  app.decorateRequest('authVia', null);
  app.decorateRequest('locale', 'vi');

  app.addHook('onRequest', async (req, reply) => {
    req.locale = localeOf(req.headers['accept-language']);
    reply.header('x-request-id', req.id);
  });

  // Every route, the VNPay IPN and return included: text that PostgreSQL cannot store (NUL) or that is
  // not Unicode (a lone surrogate) is refused before any handler, guard or schema sees it.
  app.addHook('preValidation', async (req) => {
    const bad = firstUncleanText(req.params, 'params') ?? firstUncleanText(req.query, 'query') ?? firstUncleanText(req.body, 'body');
    if (bad) throw fail('INVALID_TEXT', { field: bad });
  });

  // The security headers, built once: @fastify/helmet built helmet's middleware (parsing the policy) again
  // for every request, a visible share of an IPN's CPU.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Ant Design injects its CSS-in-JS at run time; Swagger UI needs inline styles too.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'", ...(opts.connectSrc ?? [])],
        frameSrc: ["'self'"],
        formAction: ["'self'", 'https:', 'http:'],
        upgradeInsecureRequests: null,
      },
    },
  });
  app.addHook('onRequest', (req, reply, done) => securityHeaders(req.raw, reply.raw, (err?: unknown) => done(err as Error | undefined)));
  await app.register(cookie);
  await app.register(rateLimit, {
    max: opts.rateLimitPerMinute ?? 1200,
    timeWindow: '1 minute',
    errorResponseBuilder: (_req, ctx) => {
      const err = fail('RATE_LIMITED', { retryAfter: ctx.after });
      return Object.assign(err, { statusCode: 429 });
    },
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'QLDV API', description: 'MobiFone IT-service management system', version: opts.version },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'qldv_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.setErrorHandler((err: FastifyError, req, reply) => sendError(err, req, reply));

  if (opts.webRoot && existsSync(path.join(opts.webRoot, 'index.html'))) {
    await app.register(fastifyStatic, { root: path.resolve(opts.webRoot), wildcard: false });
  }
  app.setNotFoundHandler((req, reply) => {
    const isPage = req.method === 'GET' && !/^\/(api|docs|openapi|healthz|sim)\b/.test(req.url);
    if (isPage && opts.webRoot && existsSync(path.join(opts.webRoot, 'index.html'))) {
      return reply.type('text/html').sendFile('index.html');
    }
    return sendError(fail('NOT_FOUND', { route: `${req.method} ${req.url.split('?')[0]}` }), req, reply);
  });

  return app;
}

/** Turns any error into `{ error: { code, message } }`; the error itself carries its status. */
function sendError(err: unknown, req: FastifyRequest, reply: FastifyReply) {
  const e = classify(err, req.locale);
  if (e.status >= 500) req.log.error({ err }, 'request failed');
  else req.log.info({ code: e.code, details: e.details }, 'request refused');
  if (e.status === 503) void reply.header('retry-after', '5');
  return reply.status(e.status).send({ error: { code: e.code, message: e.localizedMessage(req.locale), ...(e.details ? { details: e.details } : {}) } });
}

const zodMessages: Record<Locale, z.core.$ZodErrorMap> = { vi: z.locales.vi().localeError, en: z.locales.en().localeError };

/**
 * A schema issue in the reader's language: a custom rule's own wording (its Vietnamese in `params.vi`, see
 * `bilingual` in shared/fields.ts), zod's translation for the rest.
 */
function issueMessage(v: { keyword: string; message?: string; params?: { params?: { vi?: string } } }, locale: Locale): string {
  if (locale === 'en') return v.message ?? '';
  if (v.keyword === 'custom') return v.params?.params?.vi ?? v.message ?? '';
  const translated = zodMessages[locale]({ code: v.keyword, ...v.params } as never);
  return (typeof translated === 'string' ? translated : translated?.message) ?? v.message ?? '';
}

function classify(err: unknown, locale: Locale): AppError {
  if (isAppError(err)) return err;
  const e = err as FastifyError & { validation?: unknown };
  if (hasZodFastifySchemaValidationErrors(e)) {
    const at = (v: { instancePath?: string }) => `${e.validationContext ?? ''}${v.instancePath ?? ''}`.replace(/\//g, '.') || 'body';
    const issues = e.validation.map((v) => ({ path: at(v), message: issueMessage(v, locale) }));
    const summary = (l: Locale) => e.validation.map((v) => `${at(v)}: ${issueMessage(v, l)}`).join('; ');
    return fail('VALIDATION_FAILED', issues, { vi: summary('vi'), en: summary('en') });
  }
  const byFastifyCode: Record<string, KernelCode> = {
    FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
    FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
    FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
    FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
    FST_ERR_VALIDATION: 'VALIDATION_FAILED',
  };
  const mapped = e?.code ? byFastifyCode[e.code] : undefined;
  if (mapped) return fail(mapped);
  if (e?.statusCode === 400 && e instanceof SyntaxError) return fail('MALFORMED_JSON');
  if (e?.statusCode === 429) return fail('RATE_LIMITED');
  if (e?.statusCode && e.statusCode >= 400 && e.statusCode < 500) return fail('VALIDATION_FAILED', undefined, { vi: e.message, en: e.message });
  if (databaseGone(err)) return fail('DATABASE_UNAVAILABLE');
  return fail('INTERNAL');
}

/** PostgreSQL restarting or unreachable (the query's error, or its cause): the client should retry. */
const GONE_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08006', 'ECONNREFUSED', 'ECONNRESET']);
function databaseGone(err: unknown): boolean {
  for (let e = err as { code?: string; message?: string; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if ((e.code && GONE_CODES.has(e.code)) || /Connection terminated|terminating connection/.test(e.message ?? '')) return true;
  }
  return false;
}
