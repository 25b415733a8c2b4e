import { vi } from 'vitest';

export interface Call {
  method: string;
  path: string;
  body: unknown;
}

/**
 * Replaces `fetch` with an API that answers from `routes` ("POST /api/v1/customers" → body, or a
 * function of the request body); unknown paths answer 404. Returns the calls made, in order.
 */
export function fakeApi(routes: Record<string, unknown | ((body: unknown) => unknown)>): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', async (path: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    const url = path.split('?')[0];
    calls.push({ method, path, body });
    const key = `${method} ${url}`;
    if (!(key in routes)) return new Response(JSON.stringify({ error: { code: 'NOT_FOUND', message: key } }), { status: 404 });
    const answer = routes[key];
    const data = typeof answer === 'function' ? (answer as (b: unknown) => unknown)(body) : answer;
    return new Response(JSON.stringify(data), { status: method === 'POST' ? 201 : 200, headers: { 'content-type': 'application/json' } });
  });
  return calls;
}
