/**
 * What the fault tests share: a server in its own process (workers on) sending mail to a sink in the
 * test, N self-service orders, then their VNPay IPNs resent until answered (as VNPay does) while
 * `fault` strikes at seeded random moments; the outbox drained; and the checks on the database after.
 */
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../../src/simulators/smtp.ts';
import { freePort } from '../free-port.ts';
import { spawnServer, type ServerProcess } from '../spawn-server.ts';
import { createTestSystem, DEMO_PASSWORD, type TestSystem } from '../system.ts';
import { paidIpnQuery } from '../vnpay-ipn.ts';

const CLIENTS = 16;

export interface Order {
  paymentId: string;
  contractId: string;
  payUrl: string;
}

export interface Stream {
  server: () => ServerProcess;
  /** Kills the server with -9 and starts it again on the same database (its URL may change). */
  restartServer(): Promise<void>;
  sink: SmtpSink;
  close(): Promise<void>;
}

async function call(url: string, init?: RequestInit): Promise<{ status: number; body: any }> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
  return { status: res.status, body: await res.json().catch(() => null) };
}

const post = (body: unknown, token?: string): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  body: JSON.stringify(body),
});

/** The server on `database` (a postgres:// URL or a PGlite data directory), mailing to a sink of ours. */
export async function startStream(database: string): Promise<Stream> {
  const sink = await startSmtpSink();
  // A fresh port at every start: another test file may have taken the old one while the server was down.
  const start = async () =>
    spawnServer(database, { SERVE_PORT: String(await freePort()), SERVE_ENV: JSON.stringify({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(sink.port) }) });
  let server = await start();
  return {
    server: () => server,
    async restartServer() {
      await server.kill9();
      server = await start();
    },
    sink,
    async close() {
      await server.stop();
      await sink.close();
    },
  };
}

const base = (stream: Stream) => stream.server().url;
const login = async (stream: Stream, username: string) =>
  (await call(`${base(stream)}/api/v1/auth/login`, post({ username, password: DEMO_PASSWORD }))).body.token as string;

export async function placeOrders(stream: Stream, count: number): Promise<Order[]> {
  const token = await login(stream, 'customer1');
  const orders: Order[] = [];
  let placed = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (placed++ < count) {
        const r = await call(`${base(stream)}/api/v1/orders`, post({ product: 'MEETING', quantity: 1, periodMonths: 1 }, token));
        if (r.status !== 201) throw new Error(`order: ${r.status} ${JSON.stringify(r.body)}`);
        orders.push(r.body);
      }
    }),
  );
  return orders;
}

/**
 * Sends every order's IPN until it is answered 00 (applied) or 02 (applied before), `CLIENTS` at a
 * time; when the count of answers reaches each of `faultsAt`, runs `fault` (requests meanwhile fail
 * and are resent, as VNPay resends an IPN it got no answer to). Returns the answer counts at each fault.
 */
export async function confirmAll(stream: Stream, orders: Order[], faultsAt: number[], fault: () => Promise<void>): Promise<number[]> {
  const unanswered = new Set(orders.map((_, i) => i));
  const busy = new Set<number>();
  const pending = [...faultsAt].sort((a, b) => a - b);
  const struck: number[] = [];
  let answered = 0;
  let down: Promise<void> | null = null;
  const client = async () => {
    for (;;) {
      const next = [...unanswered].find((i) => !busy.has(i));
      if (next === undefined) return;
      busy.add(next);
      try {
        if (down) await down;
        const r = await call(`${base(stream)}/api/v1/payments/vnpay/ipn?${paidIpnQuery(orders[next].payUrl, next)}`).catch(() => null);
        if (r?.body?.RspCode === '00' || r?.body?.RspCode === '02') {
          unanswered.delete(next);
          answered++;
        } else {
          // 99 (the database was unreachable) is retried by VNPay like no answer; any other code is a defect here.
          if (r?.status === 200 && r.body?.RspCode !== '99' && !down) throw new Error(`IPN ${next} answered ${JSON.stringify(r.body)}`);
          await new Promise((res) => setTimeout(res, 100));
        }
      } finally {
        busy.delete(next);
      }
      if (pending.length && answered >= pending[0] && !down) {
        pending.shift();
        struck.push(answered);
        down = fault().finally(() => (down = null));
      }
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  if (down) await down;
  return struck;
}

/** Waits until no e-mail is queued and the sink has seen nothing new for three seconds. */
export async function drainMail(stream: Stream): Promise<void> {
  const admin = await login(stream, 'admin');
  const queued = async () =>
    (await call(`${base(stream)}/api/v1/notifications/messages?channel=email&status=queued&pageSize=1`, { headers: { authorization: `Bearer ${admin}` } })).body
      .total as number;
  for (let quiet = 0, seen = -1; quiet < 3; ) {
    await new Promise((r) => setTimeout(r, 1_000));
    const now = stream.sink.messages.length;
    quiet = (await queued()) === 0 && now === seen ? quiet + 1 : 0;
    seen = now;
  }
}

/**
 * On the database after the stream (through a system that runs no background work): each payment
 * applied exactly once and its contract moved on; every outbox e-mail received (a copy resent after
 * a crash has the same Message-ID); no e-mail queued twice; the audit chain intact.
 */
export async function expectAppliedOnce(
  s: TestSystem,
  orders: Order[],
  sink: SmtpSink,
  maxResent: number,
): Promise<{ emails: number; resent: number }> {
  const ids = orders.map((o) => o.paymentId);
  const rows = <T,>(q: ReturnType<typeof sql>) => s.database.rows<T>(q);
  const [paid] = await rows<{ n: number }>(sql`select count(*)::int as n from payments.payments where id = any(${sql.param(ids)}::text[]) and status = 'paid'`);
  expect(paid.n, 'payments paid').toBe(orders.length);
  const applied = await rows<{ entity_id: string; n: number }>(
    sql`select entity_id, count(*)::int as n from audit.entries where action = 'payment.paid' and entity_id = any(${sql.param(ids)}::text[]) group by 1`,
  );
  expect(applied.length).toBe(orders.length);
  expect(applied.filter((a) => a.n !== 1), 'payments applied more than once').toEqual([]);
  const settled = await rows<{ payment_id: string; n: number }>(
    sql`select payment_id, count(*)::int as n from payments.attempts where payment_id = any(${sql.param(ids)}::text[]) and status = 'success' group by 1`,
  );
  expect(settled.length).toBe(orders.length);
  expect(settled.filter((a) => a.n !== 1)).toEqual([]);
  const stuck = await rows<{ id: string; status: string }>(
    sql`select id, status from contracts.contracts where id = any(${sql.param(orders.map((o) => o.contractId))}::text[]) and status in ('draft', 'awaiting_payment')`,
  );
  expect(stuck, 'contracts paid but not moved on').toEqual([]);

  const outbox = await rows<{ id: string; status: string; template: string | null; related_id: string | null; to: string; subject: string }>(
    sql`select id, status, template, related_id, to_addr as "to", subject from notifications.messages where channel = 'email' and direction = 'out'`,
  );
  expect(outbox.filter((m) => m.status !== 'sent')).toEqual([]);
  const keyOf = (messageId: string) => /^<([^@]+)@/.exec(messageId)?.[1] ?? messageId;
  const received = new Map<string, number>();
  for (const m of sink.messages) received.set(keyOf(m.id), (received.get(keyOf(m.id)) ?? 0) + 1);
  const queuedIds = new Set(outbox.map((m) => m.id));
  expect(outbox.filter((m) => !received.has(m.id)).map((m) => m.id), 'sent but never received').toEqual([]);
  expect([...received.keys()].filter((k) => !queuedIds.has(k)), 'received but not in the outbox').toEqual([]);
  const resent = [...received.values()].reduce((a, n) => a + n - 1, 0);
  // Only a send cut between the mail server's 250 and our commit goes again.
  expect(resent).toBeLessThanOrEqual(maxResent);
  const causes = new Map<string, number>();
  // One template serves several events of a contract (activated, access ready): the subject tells them apart.
  const cause = (m: (typeof outbox)[number]) => `${m.template} ${m.related_id} ${m.to} ${m.subject}`;
  for (const m of outbox) if (m.template) causes.set(cause(m), (causes.get(cause(m)) ?? 0) + 1);
  expect([...causes].filter(([, n]) => n > 1), 'the same e-mail queued twice').toEqual([]);
  expect(outbox.length).toBeGreaterThanOrEqual(orders.length);

  const chain = await s.audit.verify();
  expect(chain.ok, JSON.stringify(chain)).toBe(true);
  return { emails: outbox.length, resent };
}

/** A system on the stream's database for the checks (no workers, no background). */
export const inspect = (database: { url?: string; dataDir?: string }): Promise<TestSystem> =>
  createTestSystem({ databaseUrl: database.url, env: database.dataDir ? { QLDV_DATA_DIR: database.dataDir } : {}, now: new Date().toISOString() });
