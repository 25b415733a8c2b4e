/**
 * Fetch wrapper for /api/v1: JSON in and out, session cookie, CSRF header on writes,
 * Accept-Language of the UI, `{ error: { code, message } }` → ApiError, 401 → sign-in page.
 */
import { coreTexts } from '../i18n/core.ts';
import type { Lang } from '../i18n/texts.ts';

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let language: Lang = 'vi';
let csrfToken: string | null = null;
/** Pages that work signed out: a 401 there is an answer, not a reason to go to /login. */
export const PUBLIC_PATHS: readonly string[] = ['/login', '/register', '/forgot-password', '/reset-password', '/quote', '/payments/vnpay/return', '/billpay', '/billpay/return', '/meeting/live'];
/** Public pages under a prefix (the review link of an answer e-mail and the payment link carry their token). */
const PUBLIC_PREFIXES: readonly string[] = ['/review/', '/pay/', '/meeting/j/'];
export const isPublicPath = (pathname: string): boolean => PUBLIC_PATHS.includes(pathname) || PUBLIC_PREFIXES.some((p) => pathname.startsWith(p));
let onUnauthorized: () => void = () => {
  if (!isPublicPath(location.pathname)) location.assign('/login');
};

export const setApiLanguage = (lang: Lang) => void (language = lang);
/** Remember the token from the last /me, login or register response (null after sign-out). */
export const setCsrfToken = (token: string | null) => void (csrfToken = token);
/** The app replaces the default full-page redirect with a router navigation. */
export const setUnauthorizedHandler = (handler: () => void) => void (onUnauthorized = handler);

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': language };
  const form = body instanceof FormData;
  if (body !== undefined && !form) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError('NETWORK', coreTexts[language]['error.network'], 0);
  }

  const data: unknown = res.status === 204 ? undefined : await res.json().catch(() => undefined);
  if (res.ok) return data as T;

  // A failed sign-in is also a 401: the form shows that message instead of redirecting.
  if (res.status === 401 && !path.startsWith('/api/v1/auth/')) onUnauthorized();
  const err = (data as { error?: { code?: string; message?: string } } | undefined)?.error;
  throw new ApiError(
    err?.code ?? `HTTP_${res.status}`,
    err?.message ?? coreTexts[language]['error.http'].replace('{status}', String(res.status)),
    res.status,
  );
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  /** A multipart upload (the browser sets the boundary). */
  postForm: <T>(path: string, form: FormData) => request<T>('POST', path, form),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};
