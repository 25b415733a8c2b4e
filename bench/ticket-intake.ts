/**
 * Ticket intake under load (issue 10): POST /api/v1/tickets at 16 concurrent clients, half from the
 * customer portal (customer1), half by an AM for an enterprise customer of CTKV 1 at levels 1–3 (a
 * level 2 or 3 ticket goes on to the product department or TT CNTT and e-mails its people), next to
 * `/healthz` of the same server in the same run. The server runs in its own process with its job
 * worker and audit sealer, as in production. Prints tickets/s and the ratio to /healthz.
 * BENCH_TICKETS (default 2,000), BENCH_TARGETS (default `postgres,pglite`).
 */
import { prng } from '../test/prng.ts';
import { benchDatabase } from './harness.ts';
import { closedLoop, cpuMs, line, serve, type LoadResult } from './load.ts';

const TICKETS = Number(process.env.BENCH_TICKETS ?? 2_000);
const TARGETS = (process.env.BENCH_TARGETS ?? 'postgres,pglite').split(',');
const CLIENTS = 16;

async function json(url: string, init?: RequestInit): Promise<{ status: number; body: any }> {
  const res = await fetch(url, init);
  return { status: res.status, body: await res.json() };
}

async function run(target: string, database: string): Promise<{ tickets: LoadResult; health: LoadResult }> {
  const server = await serve(database);
  try {
    const post = (path: string, token: string, body: unknown) =>
      json(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
    const login = async (username: string) => (await post('/api/v1/auth/login', '', { username, password: 'Qldv@2026' })).body.token as string;
    const customer = await login('customer1');
    const am = await login('am1');
    const made = await post('/api/v1/customers', am, { type: 'enterprise', name: 'Công ty TNHH Đo Tải', taxCode: '0109998887', email: 'dotai@example.vn', phone: '0912345678', address: 'Hà Nội' });
    if (made.status !== 201) throw new Error(`customer: HTTP ${made.status} ${JSON.stringify(made.body)}`);
    const r = prng(7);
    const ticket = (i: number) => () =>
      i % 2 === 0
        ? post('/api/v1/tickets', customer, { channel: 'web_portal', requestType: r.pick(['question', 'config_change', 'incident'] as const), subject: `Yêu cầu ${i}`, description: 'Khách hàng gửi từ cổng thông tin' })
        : post('/api/v1/tickets', am, {
            channel: 'am_kam',
            requestType: r.pick(['question', 'incident', 'integration'] as const),
            level: r.int(1, 3),
            subject: `Sự cố ${i}`,
            description: 'AM tiếp nhận qua điện thoại',
            customerId: made.body.id,
          });
    const created = (res: { status: number; body: unknown }) => {
      if (res.status !== 201) throw new Error(`ticket: HTTP ${res.status} ${JSON.stringify(res.body)}`);
    };
    await closedLoop(4, Array.from({ length: 40 }, (_, i) => ticket(i)), created); // warm-up
    const costed = async (phase: () => Promise<LoadResult>) => {
      const before = cpuMs(server.pid);
      const res = await phase();
      return { ...res, cpuMsPerRequest: (cpuMs(server.pid) - before) / res.count };
    };
    const health = await costed(() => closedLoop(CLIENTS, Array.from({ length: TICKETS * 2 }, () => () => json(`${server.url}/healthz`))));
    const tickets = await costed(() => closedLoop(CLIENTS, Array.from({ length: TICKETS }, (_, i) => ticket(i)), created));
    console.log(`\n${target}: ${TICKETS} tickets, ${CLIENTS} clients, server in its own process (job worker and audit sealer on)`);
    console.log(line(`/healthz (${CLIENTS} clients)`, health));
    console.log(line(`ticket intake (${CLIENTS} clients)`, tickets));
    return { tickets, health };
  } finally {
    await server.stop();
  }
}

const results: string[] = [];
for (const target of TARGETS) {
  if (target === 'pglite') {
    const r = await run('PGlite', 'pglite');
    results.push(`PGlite ${Math.round(r.tickets.perSecond)}/s, ratio ${(r.tickets.perSecond / r.health.perSecond).toFixed(3)}`);
    continue;
  }
  const db = await benchDatabase();
  try {
    const r = await run('PostgreSQL 15', db.url);
    results.push(`PostgreSQL ${Math.round(r.tickets.perSecond)}/s, ratio ${(r.tickets.perSecond / r.health.perSecond).toFixed(3)}`);
  } finally {
    db.stop();
  }
}
// No goal in issue 10 for intake: the ratio to /healthz is the figure to watch.
console.log(`  ticket intake / healthz at ${CLIENTS} clients: ${results.join('; ')}`);
