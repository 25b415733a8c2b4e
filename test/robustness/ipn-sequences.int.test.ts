import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signParams } from '../../src/protocols/vnpay/protocol.ts';
import { createTestSystem, noDatabase, type TestSystem } from '../system.ts';

/**
 * Issue #10 item 4 (property), through the running server: random sequences of duplicate (also
 * concurrent), reordered, delayed, tampered (signature, amount, terminal, order) and failed VNPay IPNs,
 * querydr calls and refunds for a few self-service orders paid at the VNPay simulator, against a model:
 * the first authentic word on an order (IPN or querydr) decides it; every IPN gets the code the model
 * says; nothing is applied twice; the money recorded is the money that came in, less what was refunded.
 * QLDV_IPN_SEQUENCES sequences (default 12 in CI; the pure decisions run 10,000 in ipn-model.test.ts).
 */
const SEQUENCES = Number(process.env.QLDV_IPN_SEQUENCES ?? 12);
const SEED = Number(process.env.QLDV_IPN_SEED ?? 20261206);

type Tamper = 'none' | 'signature' | 'amount' | 'terminal' | 'unknown_ref';
type Event =
  | { kind: 'ipn'; order: number; tamper: Tamper }
  | { kind: 'burst'; order: number; copies: number }
  | { kind: 'querydr'; order: number }
  | { kind: 'refund'; order: number; part: 'all' | 'half' | 'too_much' };

const eventArb = (orders: number): fc.Arbitrary<Event> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('ipn' as const), order: fc.nat(orders - 1), tamper: fc.constantFrom<Tamper>('none', 'none', 'signature', 'amount', 'terminal', 'unknown_ref') }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('burst' as const), order: fc.nat(orders - 1), copies: fc.integer({ min: 2, max: 4 }) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('querydr' as const), order: fc.nat(orders - 1) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('refund' as const), order: fc.nat(orders - 1), part: fc.constantFrom<'all' | 'half' | 'too_much'>('all', 'half', 'too_much') }) },
  );
const scenario = fc
  .array(fc.record({ quantity: fc.integer({ min: 1, max: 20 }), paid: fc.boolean() }), { minLength: 1, maxLength: 3 })
  .chain((orders) => fc.tuple(fc.constant(orders), fc.array(eventArb(orders.length), { minLength: 1, maxLength: 12 })));

describe.skipIf(noDatabase)('VNPay IPNs, querydr and refunds in random sequences, against a model', () => {
  let s: TestSystem;
  let customer: string;
  let admin: string;

  beforeAll(async () => {
    s = await createTestSystem();
    customer = await s.login('customer1');
    admin = await s.login('admin');
  }, 120_000);
  afterAll(() => s?.close());

  const ipn = (q: Record<string, string>) => s.http('GET', `/api/v1/payments/vnpay/ipn?${new URLSearchParams(q)}`);
  const resign = (q: Record<string, string>, change: Record<string, string>) => {
    const { vnp_SecureHash: _h, vnp_SecureHashType: _t, ...fields } = { ...q, ...change };
    return { ...fields, vnp_SecureHash: signParams(fields, s.config.vnpay.hashSecret) };
  };

  it(`${SEQUENCES} sequences (seed ${SEED})`, async () => {
    const started = Date.now();
    let events = 0;
    const samples = fc.sample(scenario, { seed: SEED, numRuns: SEQUENCES });
    for (const [n, [orders, sequence]] of samples.entries()) {
      // The orders, paid (or failed) at the simulator; its own IPN is lost so that the sequence decides what arrives.
      const placed = [];
      for (const o of orders) {
        const r = await s.http('POST', '/api/v1/orders', { token: customer, body: { product: 'MEETING', quantity: o.quantity, periodMonths: 1 } });
        expect(r.status, JSON.stringify(r.body)).toBe(201);
        const ref = new URL(r.body.payUrl).searchParams.get('vnp_TxnRef')!;
        s.simulators.vnpay!.simulateLostIpn(ref);
        expect([302, 303]).toContain((await fetch(r.body.payUrl, { redirect: 'manual' })).status);
        const callback = Object.fromEntries(new URL(s.simulators.vnpay!.completePayment(ref, o.paid ? '00' : '51').returnUrl).searchParams);
        placed.push({ ...o, ...r.body, ref, callback, amountVnd: BigInt(callback.vnp_Amount) / 100n });
      }
      const decided: ('paid' | 'failed' | null)[] = orders.map(() => null);
      const refunded = orders.map(() => 0n);
      const where = (e: Event) => `sequence ${n}, event ${JSON.stringify(e)}`;
      for (const e of sequence) {
        events++;
        const o = placed[e.order];
        const decide = () => {
          const first = !decided[e.order];
          decided[e.order] ??= o.paid ? 'paid' : 'failed';
          return first;
        };
        if (e.kind === 'ipn') {
          const q =
            e.tamper === 'signature' ? { ...o.callback, vnp_SecureHash: 'ab'.repeat(64) }
            : e.tamper === 'amount' ? resign(o.callback, { vnp_Amount: String((o.amountVnd + 1000n) * 100n) })
            : e.tamper === 'terminal' ? resign(o.callback, { vnp_TmnCode: 'OTHERTMN' })
            : e.tamper === 'unknown_ref' ? resign(o.callback, { vnp_TxnRef: `${o.ref}X` })
            : o.callback;
          const expected = { signature: '97', terminal: '97', unknown_ref: '01', amount: '04', none: decided[e.order] ? '02' : '00' }[e.tamper];
          if (e.tamper === 'none') decide();
          const r = await ipn(q);
          expect(r.body.RspCode, where(e)).toBe(expected);
        } else if (e.kind === 'burst') {
          const answers = await Promise.all(Array.from({ length: e.copies }, () => ipn(o.callback)));
          const first = decide();
          const codes = answers.map((a) => a.body.RspCode).sort();
          expect(codes, where(e)).toEqual(Array.from({ length: e.copies }, (_, i) => (first && i === 0 ? '00' : '02')));
        } else if (e.kind === 'querydr') {
          const r = await s.http('POST', `/api/v1/payments/attempts/${o.ref}/query`, { token: admin, body: {} });
          expect(r.status, where(e)).toBeLessThan(500);
          decide();
          expect(r.body.status, where(e)).toBe(o.paid ? 'success' : 'failed');
        } else {
          const left = o.amountVnd - refunded[e.order];
          const amount = e.part === 'all' ? left : e.part === 'half' ? left / 2n : left + 1n;
          const r = await s.http('POST', `/api/v1/payments/${o.paymentId}/refund`, { token: admin, body: { amountVnd: amount.toString(), reason: 'Kiểm thử hoàn tiền' } });
          const accepted = decided[e.order] === 'paid' && amount > 0n && amount <= left;
          expect(r.status, `${where(e)} → ${JSON.stringify(r.body)}`).toBe(accepted ? 202 : r.status >= 400 && r.status < 500 ? r.status : -1);
          if (accepted) {
            await s.jobs.drain();
            refunded[e.order] += amount;
          }
        }
      }
      // Final states against the model.
      for (const [i, o] of placed.entries()) {
        const p = (await s.http('GET', `/api/v1/payments?contractId=${o.contractId}`, { token: admin })).body.items[0];
        const model = decided[i];
        const status = model !== 'paid' ? 'pending' : refunded[i] === 0n ? 'paid' : refunded[i] === o.amountVnd ? 'refunded' : 'partially_refunded';
        expect(p, `sequence ${n}, order ${i}`).toMatchObject({ status, refundedVnd: refunded[i].toString(), attempts: [{ status: model === 'paid' ? 'success' : model ?? 'pending' }] });
        const contract = (await s.http('GET', `/api/v1/contracts/${o.contractId}`, { token: customer })).body;
        expect(contract.status, `sequence ${n}, order ${i}`).toBe(model === 'paid' ? 'active' : 'awaiting_payment');
        // Zero double applications: one "paid" entry at most for the payment and for its contract.
        const [applied] = await s.database.rows<{ payment: string; contract: string }>(sql`
          select (select count(*) from audit.entries where action = 'payment.paid' and entity_id = ${o.paymentId})::text as payment,
                 (select count(*) from audit.entries where action = 'contract.paid' and entity_id = ${o.contractId})::text as contract`);
        expect(applied, `sequence ${n}, order ${i}`).toEqual({ payment: model === 'paid' ? '1' : '0', contract: model === 'paid' ? '1' : '0' });
      }
    }
    // Money in = money recorded, over every order of every sequence: what VNPay took for the decided
    // payments, less what went back, is what the payments table holds.
    const [money] = await s.database.rows<{ paid: string; refunded: string }>(sql`
      select coalesce(sum(amount_vnd) filter (where status in ('paid', 'partially_refunded', 'refunded')), 0)::text as paid,
             coalesce(sum(refunded_vnd), 0)::text as refunded from payments.payments`);
    const [done] = await s.database.rows<{ refunds: string }>(sql`select coalesce(sum(amount_vnd) filter (where status = 'done'), 0)::text as refunds from payments.refunds`);
    expect(done.refunds).toBe(money.refunded);
    const [ledger] = await s.database.rows<{ attempts: string }>(sql`select coalesce(sum(amount_vnd), 0)::text as attempts from payments.attempts where status = 'success'`);
    expect(ledger.attempts).toBe(money.paid);
    console.info(`ipn sequences: ${SEQUENCES} sequences, ${events} events in ${((Date.now() - started) / 1000).toFixed(1)} s, seed ${SEED}`);
  }, 600_000);
});
