import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { createServer, type Server } from '../../http/server.ts';
import { buildPaymentUrl, type PaymentRequest } from '../../protocols/vnpay/protocol.ts';
import { FixedClock } from '../../platform/clock.ts';
import { createVnpaySimulator, type VnpaySimulator } from './index.ts';

/**
 * Test harness (imported by *.test.ts only): our real HTTP server hosting the simulator, a listening
 * merchant IPN endpoint with scripted answers, and a tiny cookie-less "browser" over inject.
 */

export const TMN = 'QLDVTEST';
export const SECRET = 'QLDVSIMULATORSECRET0123456789ABC';
export const BASE = '/sim/vnpay';
export const RETURN_URL = 'https://qldv.test/payments/vnpay/return';

/** What the merchant's IPN endpoint answers, in order; then `00`. */
export type IpnScript = '00' | '01' | '02' | '04' | '97' | '99' | 'http500' | 'garbage' | 'slow';

export interface Merchant {
  url: string;
  received: Record<string, string>[];
  script: IpnScript[];
  close(): Promise<void>;
}

export async function startMerchant(): Promise<Merchant> {
  const app: FastifyInstance = Fastify();
  const received: Record<string, string>[] = [];
  const script: IpnScript[] = [];
  app.get('/ipn', async (req, reply) => {
    received.push({ ...(req.query as Record<string, string>) });
    const next = script.shift() ?? '00';
    if (next === 'http500') return reply.code(500).send({ RspCode: '00' });
    if (next === 'garbage') return reply.type('text/html').send('<html>oops</html>');
    if (next === 'slow') {
      await new Promise((r) => setTimeout(r, 400));
      return { RspCode: '00', Message: 'too late' };
    }
    return { RspCode: next, Message: `answer ${next}` };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/ipn`, received, script, close: () => app.close() };
}

export interface Harness {
  app: Server;
  sim: VnpaySimulator;
  clock: FixedClock;
  merchant: Merchant;
  payUrl(over?: Partial<PaymentRequest>): string;
  get(url: string): Promise<Page>;
  post(url: string, fields: Record<string, string>): Promise<Page>;
  /** Between tests: waits out pending IPNs, empties the simulator and the merchant's log, resets the clock. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export interface Page {
  status: number;
  location: string | undefined;
  body: string;
  contentType: string;
}

export async function startHarness(opts: { delaysMs?: number[]; ipnTimeoutMs?: number; now?: string } = {}): Promise<Harness> {
  const merchant = await startMerchant();
  const clock = new FixedClock(opts.now ?? '2026-03-09T03:00:00Z'); // 10:00 in Hà Nội
  const sim = createVnpaySimulator({
    tmnCode: TMN,
    hashSecret: SECRET,
    ipnUrl: () => merchant.url,
    clock,
    ipnRetry: { delaysMs: opts.delaysMs ?? [20, 20, 20] },
    ipnTimeoutMs: opts.ipnTimeoutMs ?? 2_000,
  });
  const app = await createServer({ logLevel: 'silent', version: 'test' });
  await app.register(sim.plugin);
  await app.ready();
  let n = 0;
  const page = (r: { statusCode: number; headers: Record<string, unknown>; body: string }): Page => ({
    status: r.statusCode,
    location: r.headers.location as string | undefined,
    body: r.body,
    contentType: String(r.headers['content-type'] ?? ''),
  });
  return {
    app,
    sim,
    clock,
    merchant,
    payUrl: (over = {}) =>
      buildPaymentUrl(
        { payUrl: `${BASE}/paymentv2/vpcpay.html`, tmnCode: TMN, hashSecret: SECRET },
        {
          txnRef: `PAY${String(++n).padStart(4, '0')}`,
          amountVnd: 2_250_000n,
          orderInfo: 'Gia hạn MobiFone Meeting 6 tháng – HĐ-2026/000042',
          ipAddr: '203.113.131.5',
          returnUrl: RETURN_URL,
          now: clock.now(),
          ...over,
        },
      ),
    get: async (url) => page(await app.inject({ method: 'GET', url })),
    post: async (url, fields) =>
      page(await app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() })),
    async reset() {
      await Promise.all(sim.transactions().map((t) => sim.ipnSettled(t.txnRef)));
      sim.reset();
      clock.set(opts.now ?? '2026-03-09T03:00:00Z');
      merchant.received.length = 0;
      merchant.script.length = 0;
    },
    async close() {
      sim.close();
      await app.close();
      await merchant.close();
    },
  };
}

const unescape = (s: string) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');

/** The href of the element with this data-testid. */
export function hrefOf(html: string, testId: string): string {
  const m = new RegExp(`data-testid="${testId}"[^>]*?\\shref="([^"]*)"`).exec(html);
  if (!m) throw new Error(`no link with data-testid=${testId}`);
  return unescape(m[1]);
}

export const tokenOf = (url: string) => new URL(url, 'http://x').searchParams.get('token')!;

export const queryOf = (url: string) => Object.fromEntries(new URL(url, 'http://x').searchParams);
