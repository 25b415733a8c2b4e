import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideIpn } from '../../src/modules/payments/domain/ipn.ts';
import { attemptOpen, awaitsMoney, refundable, type AttemptStatus, type PaymentStatus } from '../../src/modules/payments/domain/payment-lifecycle.ts';
import { querydrOutcome } from '../../src/modules/payments/domain/querydr.ts';
import { afterRefund, refundableVnd } from '../../src/modules/payments/domain/refunds.ts';
import { transition } from '../../src/platform/state-machine.ts';
import { ATTEMPT_MACHINE } from '../../src/modules/payments/domain/payment-lifecycle.ts';

/**
 * Issue #10 item 4 (property): the payment decisions the IPN, querydr and refund use cases take
 * (decideIpn, querydrOutcome, the state machines, the refund arithmetic), driven by random sequences
 * of duplicate, reordered, tampered and failed IPNs, querydr answers and refunds for a few orders,
 * against a model written here in a few lines: the first authentic outcome of an order decides it,
 * nothing else changes it; refunds take back at most what came in. QLDV_IPN_MODEL_RUNS sequences
 * (default 10,000). The same sequences through the running server: ipn-sequences.int.test.ts.
 */
const RUNS = Number(process.env.QLDV_IPN_MODEL_RUNS ?? 10_000);

type Event =
  | { kind: 'ipn'; order: number; tamper: 'none' | 'signature' | 'amount' | 'terminal' | 'unknown_ref' }
  | { kind: 'querydr'; order: number; answered: boolean }
  | { kind: 'refund'; order: number; amountVnd: bigint; outcome: 'done' | 'refused' };

interface Order {
  amountVnd: bigint;
  /** What really happened at VNPay: paid, or a failure code. */
  paid: boolean;
}

const orderArb = fc.record({ amountVnd: fc.bigInt({ min: 10_000n, max: 50_000_000n }), paid: fc.boolean() });
const eventArb = (orders: number): fc.Arbitrary<Event> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('ipn' as const), order: fc.nat(orders - 1), tamper: fc.constantFrom('none', 'none', 'signature', 'amount', 'terminal', 'unknown_ref') }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('querydr' as const), order: fc.nat(orders - 1), answered: fc.boolean() }) },
    {
      weight: 2,
      arbitrary: fc.record({ kind: fc.constant('refund' as const), order: fc.nat(orders - 1), amountVnd: fc.bigInt({ min: 1n, max: 60_000_000n }), outcome: fc.constantFrom('done', 'refused') }),
    },
  );
const scenario = fc.array(orderArb, { minLength: 1, maxLength: 4 }).chain((orders) => fc.tuple(fc.constant(orders), fc.array(eventArb(orders.length), { maxLength: 30 })));

/** The system under test: the pure decisions, composed as the use cases compose them. */
function system(orders: Order[]) {
  const st = orders.map(() => ({ attempt: 'pending' as AttemptStatus, payment: 'pending' as PaymentStatus, paidVnd: 0n, refundedVnd: 0n, refunds: [] as { amountVnd: bigint; status: 'done' | 'failed' }[], applications: 0 }));
  const settle = (i: number, outcome: 'success' | 'failure') => {
    const s = st[i];
    s.attempt = transition(ATTEMPT_MACHINE, s.attempt, outcome === 'success' ? 'succeed' : 'fail');
    if (outcome === 'success' && awaitsMoney(s.payment)) {
      s.payment = 'paid';
      s.paidVnd = orders[i].amountVnd;
      s.applications++;
    }
  };
  return {
    st,
    apply(e: Event): string | null {
      const o = orders[e.order];
      const s = st[e.order];
      if (e.kind === 'ipn') {
        const d = decideIpn({
          signatureValid: e.tamper !== 'signature',
          attempt: e.tamper === 'unknown_ref' ? null : { amountVnd: o.amountVnd, status: s.attempt },
          callback: { amountVnd: e.tamper === 'amount' ? o.amountVnd + 100n : o.amountVnd, paid: o.paid, ourTerminal: e.tamper !== 'terminal' },
        });
        if (d.apply) settle(e.order, d.apply);
        return d.rspCode;
      }
      if (e.kind === 'querydr') {
        const outcome = querydrOutcome({ ok: e.answered, transactionStatus: o.paid ? '00' : '02' });
        if (outcome !== 'pending' && attemptOpen(s.attempt)) settle(e.order, outcome);
        return outcome;
      }
      const payment = { status: s.payment, method: 'vnpay' as const, paidTxnRef: s.paidVnd > 0n ? 'REF' : null };
      if (!refundable(payment) || e.amountVnd > refundableVnd(s.paidVnd, s.refunds)) return 'refused';
      s.refunds.push({ amountVnd: e.amountVnd, status: e.outcome === 'done' ? 'done' : 'failed' });
      if (e.outcome === 'done') {
        const next = afterRefund({ status: s.payment, amountVnd: s.paidVnd, refundedVnd: s.refundedVnd }, e.amountVnd);
        s.payment = next.status;
        s.refundedVnd = next.refundedVnd;
      }
      return e.outcome;
    },
  };
}

/** The model: an order's first authentic word (IPN or answered querydr) decides it; refunds never exceed what came in. */
function model(orders: Order[], events: Event[]) {
  const decided: ('paid' | 'failed' | null)[] = orders.map(() => null);
  const refunded = orders.map(() => 0n);
  const rsp: (string | null)[] = [];
  for (const e of events) {
    const o = orders[e.order];
    if (e.kind === 'ipn') {
      if (e.tamper === 'signature' || e.tamper === 'terminal') rsp.push('97');
      else if (e.tamper === 'unknown_ref') rsp.push('01');
      else if (e.tamper === 'amount') rsp.push('04');
      else if (decided[e.order]) rsp.push('02');
      else {
        decided[e.order] = o.paid ? 'paid' : 'failed';
        rsp.push('00');
      }
    } else if (e.kind === 'querydr') {
      if (e.answered && !decided[e.order]) decided[e.order] = o.paid ? 'paid' : 'failed';
      rsp.push(e.answered ? (o.paid ? 'success' : 'failure') : 'pending');
    } else {
      const ok = decided[e.order] === 'paid' && refunded[e.order] < o.amountVnd && e.amountVnd <= o.amountVnd - refunded[e.order];
      rsp.push(ok ? e.outcome : 'refused');
      if (ok && e.outcome === 'done') refunded[e.order] += e.amountVnd;
    }
  }
  return { decided, refunded, rsp };
}

describe('IPN, querydr and refund decisions against a model (fast-check)', () => {
  it(`${RUNS} random sequences: same answers and final states as the model, no double application, money in = money recorded`, () => {
    fc.assert(
      fc.property(scenario, ([orders, events]) => {
        const sut = system(orders);
        const answers = events.map((e) => sut.apply(e));
        const m = model(orders, events);
        expect(answers).toEqual(m.rsp);
        sut.st.forEach((s, i) => {
          expect(s.attempt).toBe(m.decided[i] === 'paid' ? 'success' : m.decided[i] === 'failed' ? 'failed' : 'pending');
          expect(s.applications).toBe(m.decided[i] === 'paid' ? 1 : 0);
          expect(s.paidVnd).toBe(m.decided[i] === 'paid' ? orders[i].amountVnd : 0n);
          expect(s.refundedVnd).toBe(m.refunded[i]);
          expect(s.refundedVnd <= s.paidVnd).toBe(true);
          const expected = m.decided[i] !== 'paid' ? 'pending' : m.refunded[i] === 0n ? 'paid' : m.refunded[i] === orders[i].amountVnd ? 'refunded' : 'partially_refunded';
          expect(s.payment).toBe(expected);
        });
        const moneyIn = orders.reduce((sum, o, i) => sum + (m.decided[i] === 'paid' ? o.amountVnd : 0n), 0n);
        expect(sut.st.reduce((sum, s) => sum + s.paidVnd, 0n)).toBe(moneyIn);
      }),
      { numRuns: RUNS, seed: Number(process.env.QLDV_IPN_SEED ?? 20261206) },
    );
  }, 120_000);
});
