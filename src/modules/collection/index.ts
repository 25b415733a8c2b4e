/** Collection and debt (SPEC G2): the policy evaluated daily per contract, cases, write-offs, the aging report. */
import type { Executor } from '../../db/client.ts';
import { toLocalDate } from '../../platform/calendar.ts';
import type { Ctx } from '../../platform/context.ts';
import type { CollectionDeps } from './deps.ts';
import type { CollectionPolicy } from './domain/policy.ts';
import { agingReport } from './use-cases/aging.ts';
import { addPromise, assignCase, listCases, type PromiseToPay } from './use-cases/cases.ts';
import { assertNotLocked, EVALUATE_QUEUE, evaluateContract } from './use-cases/evaluate-contract.ts';
import { getPolicy, setPolicy } from './use-cases/policy.ts';
import { DAILY_QUEUE, runDaily } from './use-cases/run-daily.ts';
import { decideWriteOff, listWriteOffs, requestWriteOff } from './use-cases/write-offs.ts';

export type { CollectionDeps } from './deps.ts';
export const COLLECTION_JOBS = { daily: DAILY_QUEUE, evaluate: EVALUATE_QUEUE } as const;

export function createCollection(d: CollectionDeps) {
  // A service locked for debt resumes (by staff, or by collection itself) only once the whole debt is paid.
  d.contracts.guardResume((tx, contractId) => assertNotLocked(d, tx, contractId));
  d.jobs.register(DAILY_QUEUE, async () => void (await runDaily(d)));
  d.jobs.register(EVALUATE_QUEUE, async (p: { contractId: string }) => void (await evaluateContract(d, p.contractId, toLocalDate(d.clock.now()))));
  return {
    runDaily: () => runDaily(d),
    /** Today's daily run, once across all processes (the dated key). */
    scheduleDaily: () => {
      const today = toLocalDate(d.clock.now());
      return d.jobs.enqueue(d.database.db, { queue: DAILY_QUEUE, key: `${DAILY_QUEUE}:${today}`, payload: {}, maxAttempts: 5 });
    },
    /** Money arrived on a bill: the contract is re-evaluated by a job (reopened once its debt is gone), after the payment commits. */
    onBillPaid: async (tx: Executor, bill: { contractId: string }, paymentId: string) => {
      const key = `${EVALUATE_QUEUE}:${bill.contractId}:${paymentId}`;
      await d.jobs.enqueue(tx, { queue: EVALUATE_QUEUE, key, payload: { contractId: bill.contractId } });
    },
    policy: () => getPolicy(d),
    setPolicy: (ctx: Ctx, p: CollectionPolicy) => setPolicy(d, ctx, p),
    cases: (ctx: Ctx, status?: 'open' | 'paid' | 'written_off') => listCases(d, ctx, status),
    assign: (ctx: Ctx, caseId: string, username: string) => assignCase(d, ctx, caseId, username),
    promise: (ctx: Ctx, caseId: string, p: PromiseToPay) => addPromise(d, ctx, caseId, p),
    requestWriteOff: (ctx: Ctx, caseId: string, reason: string) => requestWriteOff(d, ctx, caseId, reason),
    decideWriteOff: (ctx: Ctx, id: string, decision: 'approve' | 'reject', note?: string) => decideWriteOff(d, ctx, id, decision, note),
    writeOffs: (status?: 'requested' | 'approved' | 'rejected') => listWriteOffs(d, status),
    aging: (ctx: Ctx) => agingReport(d, ctx),
  };
}

export type CollectionService = ReturnType<typeof createCollection>;
