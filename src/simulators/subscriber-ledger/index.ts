import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import {
  centerByPrefix,
  EVOUCHER_PREFIX,
  normalizeMsisdn,
  postingProblems,
  QLKH_PREFIX,
  type LedgerAnswer,
  type LedgerPosting,
  type LedgerSubscriber,
} from '../../protocols/subscriber-ledger/protocol.ts';
import { silentLogger, type Logger } from '../../platform/log-sink.ts';
import { DEMO_SUBSCRIBERS, type SubscriberInput } from './demo.ts';

export type { SubscriberInput };

/**
 * A local HT TC QLKH + eVoucher (`src/protocols/subscriber-ledger/protocol.ts`) on its own port,
 * holding demo subscribers in memory. Postings are idempotent by ref. Faults prove the caller's
 * retries and lookup-before-retry: `down` answers 503 without posting; `timeout_after_commit`
 * posts, then drops the connection.
 */
export type LedgerFault = 'down' | 'timeout_after_commit';


export interface RunningLedgerSimulator {
  url: string;
  apiKey: string;
  /** Adds or replaces a subscriber (POST /api/v1/simulators/subscribers). */
  upsert(s: SubscriberInput): LedgerSubscriber;
  subscriber(msisdn: string): LedgerSubscriber | undefined;
  postings(): LedgerPosting[];
  inject(fault: LedgerFault, times?: number): void;
  /** Drops every injected fault. */
  heal(): void;
  stop(): Promise<void>;
}

export const LEDGER_SIMULATOR_KEY = 'qldv-ledger-simulator-key';

export async function startLedgerSimulator(opts: { port?: number; apiKey?: string; clock?: { now(): Date }; logger?: Logger } = {}): Promise<RunningLedgerSimulator> {
  const apiKey = opts.apiKey ?? LEDGER_SIMULATOR_KEY;
  const clock = opts.clock ?? { now: () => new Date() };
  const log = opts.logger ?? silentLogger;
  const subscribers = new Map<string, LedgerSubscriber>();
  const postings = new Map<string, LedgerPosting>();
  const faults = new Map<LedgerFault, number>();
  const take = (f: LedgerFault) => {
    const n = faults.get(f) ?? 0;
    if (n > 0) faults.set(f, n - 1);
    return n > 0;
  };
  const upsert = (s: SubscriberInput): LedgerSubscriber => {
    const msisdn = normalizeMsisdn(s.msisdn);
    if (!msisdn) throw new Error(`not a mobile number: ${s.msisdn}`);
    const row: LedgerSubscriber = {
      msisdn,
      type: s.type,
      name: s.name,
      address: s.address,
      debtVnd: s.debtVnd.toString(),
      center: s.center ?? centerByPrefix(msisdn),
      status: s.blocked ? 'blocked_debt' : 'active',
    };
    subscribers.set(msisdn, row);
    return { ...row };
  };
  for (const s of DEMO_SUBSCRIBERS) upsert(s);

  const answer = (reply: FastifyReply, status: number, a: LedgerAnswer) => reply.code(status).send(a);
  const app = Fastify({ logger: false, forceCloseConnections: true });
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    if (req.headers.authorization !== `Bearer ${apiKey}`) return answer(reply, 401, { code: '02', message: 'unauthorized' });
    if (req.method === 'POST' && take('down')) return reply.code(503).send('unavailable');
  });

  app.get(`${QLKH_PREFIX}/subscribers/:msisdn`, async (req, reply) => {
    const s = subscribers.get(normalizeMsisdn((req.params as { msisdn: string }).msisdn) ?? '');
    return s ? answer(reply, 200, { code: '00', message: 'found', subscriber: { ...s } }) : answer(reply, 404, { code: '04', message: 'subscriber not found' });
  });

  /** One posting route per system: clear a postpaid debt (QLKH) or top a prepaid number up (eVoucher). */
  const post = (kind: 'clear' | 'topup', path: string) => {
    app.post(path, async (req, reply) => {
      const body = (req.body ?? {}) as { ref?: string; msisdn?: string; amountVnd?: string };
      const problems = postingProblems(body);
      if (problems.length) return answer(reply, 400, { code: '01', message: problems.join('; ') });
      const done = postings.get(`${kind}:${body.ref}`);
      if (done) return answer(reply, 200, { code: '00', message: 'already posted', posting: { ...done } });
      const s = subscribers.get(normalizeMsisdn(body.msisdn!)!);
      if (!s) return answer(reply, 404, { code: '04', message: 'subscriber not found' });
      const wanted: LedgerSubscriber['type'] = kind === 'clear' ? 'postpaid' : 'prepaid';
      if (s.type !== wanted) return answer(reply, 409, { code: '05', message: `the subscriber is ${s.type}` });
      const amount = BigInt(body.amountVnd!);
      const before = BigInt(s.debtVnd);
      // A payment above the debt leaves a credit (negative debt is shown as 0 owed by QLDV).
      const after = kind === 'clear' ? before - amount : before + amount;
      const reopened = kind === 'clear' && s.status === 'blocked_debt' && after <= 0n;
      s.debtVnd = after.toString();
      if (reopened) s.status = 'active';
      const posting: LedgerPosting = {
        ref: body.ref!,
        kind,
        msisdn: s.msisdn,
        amountVnd: amount.toString(),
        beforeVnd: before.toString(),
        afterVnd: after.toString(),
        reopened,
        postedAt: clock.now().toISOString(),
        reversedAt: null,
      };
      postings.set(`${kind}:${posting.ref}`, posting);
      log.info({ ref: posting.ref, kind, msisdn: s.msisdn, amountVnd: posting.amountVnd }, 'ledger simulator: posted');
      if (take('timeout_after_commit')) {
        reply.raw.destroy();
        return reply;
      }
      return answer(reply, 200, { code: '00', message: 'posted', posting: { ...posting } });
    });
    app.get(`${path}/:ref`, async (req, reply) => {
      const p = postings.get(`${kind}:${(req.params as { ref: string }).ref}`);
      return p ? answer(reply, 200, { code: '00', message: 'found', posting: { ...p } }) : answer(reply, 404, { code: '04', message: 'posting not found' });
    });
    app.post(`${path}/:ref/reverse`, async (req, reply) => {
      const p = postings.get(`${kind}:${(req.params as { ref: string }).ref}`);
      if (!p) return answer(reply, 404, { code: '04', message: 'posting not found' });
      if (!p.reversedAt) {
        const s = subscribers.get(p.msisdn);
        if (s) s.debtVnd = (kind === 'clear' ? BigInt(s.debtVnd) + BigInt(p.amountVnd) : BigInt(s.debtVnd) - BigInt(p.amountVnd)).toString();
        p.reversedAt = clock.now().toISOString();
      }
      return answer(reply, 200, { code: '00', message: 'reversed', posting: { ...p } });
    });
  };
  post('clear', `${QLKH_PREFIX}/payments`);
  post('topup', `${EVOUCHER_PREFIX}/topups`);

  await app.listen({ port: opts.port ?? 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    upsert,
    subscriber: (msisdn) => {
      const s = subscribers.get(normalizeMsisdn(msisdn) ?? '');
      return s && { ...s };
    },
    postings: () => [...postings.values()].map((p) => ({ ...p })),
    inject(fault, times = 1) {
      faults.set(fault, (faults.get(fault) ?? 0) + times);
    },
    heal: () => faults.clear(),
    stop: () => app.close(),
  };
}
