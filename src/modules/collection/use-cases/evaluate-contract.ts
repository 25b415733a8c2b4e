import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { formatVnd } from '../../../platform/money.ts';
import { newId } from '../../../platform/ids.ts';
import { cases, contractStates } from '../db/schema.ts';
import { SYSTEM, type CollectionDeps } from '../deps.ts';
import { isLocked, nextSteps, stepKey, type PolicyStep } from '../domain/policy.ts';
import { usageError } from '../../usage/index.ts';
import { currentPolicy, daysBetween, lockState } from '../queries.ts';

export const EVALUATE_QUEUE = 'collection.evaluate';

type Stage = (typeof contractStates.$inferSelect)['stage'];
const STAGE_AFTER: Record<PolicyStep['action'], Stage> = {
  remind_email: 'reminded',
  remind_sms: 'reminded',
  suspend: 'suspended',
  lock: 'locked',
  collect: 'in_collection',
};
const RANK: Record<Stage, number> = { current: 0, reminded: 1, suspended: 2, locked: 3, in_collection: 4 };

/**
 * Applies the policy to ONE contract on `today`: only its own bills count, so a paid contract is never
 * blocked by another contract's debt. Each step runs in its own transaction under the contract's state
 * lock and is written on the contract's timeline (audit, entity `contract`), so a repeat (the daily job
 * and a payment's re-evaluation at once) takes no step twice. Suspension and reopening go through the
 * contracts module's own use cases. A locked service reopens only once the whole debt is paid.
 */
export async function evaluateContract(d: CollectionDeps, contractId: string, today: string): Promise<string[]> {
  const open = await d.billing.openBillsOf(contractId);
  const due = open.filter((b) => b.dueDate !== null && b.dueDate < today).map((b) => b.dueDate!).sort();
  const [state] = await d.database.db.select().from(contractStates).where(eq(contractStates.contractId, contractId));
  const policy = await currentPolicy(d);
  const daysOverdue = due.length ? daysBetween(due[0], today) : null;
  // What is owed counts what remains of bills paid in part.
  const outstanding = open.reduce((s, b) => s + b.totalVnd - b.paidVnd, 0n);
  const { steps, settled, reopen } = nextSteps(policy, { daysOverdue, done: state?.doneSteps ?? [], owes: outstanding > 0n });
  const taken: string[] = [];
  const debt = { oldestDue: due[0], daysOverdue: daysOverdue!, outstanding };
  for (const step of steps) if (await takeStep(d, contractId, step, debt)) taken.push(stepKey(step));
  if (settled && state) {
    if (reopen && (await d.contracts.row(contractId)).status === 'suspended') await d.contracts.resume(SYSTEM, contractId);
    await settle(d, contractId, reopen);
    taken.push(reopen ? 'reopen' : 'settled');
  }
  return taken;
}

interface Debt {
  oldestDue: string;
  daysOverdue: number;
  outstanding: bigint;
}

async function takeStep(d: CollectionDeps, contractId: string, step: PolicyStep, debt: Debt): Promise<boolean> {
  const key = stepKey(step);
  // The service is suspended through the contracts module first (its own transaction); a retry finds it
  // suspended. A lock suspends it again if staff resumed it meanwhile.
  if (step.action === 'suspend' || step.action === 'lock') {
    const c = await d.contracts.row(contractId);
    const overdue = `nợ cước quá hạn ${debt.daysOverdue} ngày`;
    const why = step.action === 'lock' ? `khoá dịch vụ do ${overdue}` : overdue;
    if (c.status === 'active') await d.contracts.suspend(SYSTEM, contractId, why);
  }
  return d.database.db.transaction(async (tx) => {
    const state = await lockState(d, tx, contractId);
    if (state.doneSteps.includes(key)) return false;
    if (step.action === 'remind_email' || step.action === 'remind_sms') await remind(d, tx, contractId, step.action, debt);
    if (step.action === 'lock') await lock(d, tx, contractId, debt);
    if (step.action === 'collect') await openCase(d, tx, contractId);
    const stage = RANK[STAGE_AFTER[step.action]] > RANK[state.stage] ? STAGE_AFTER[step.action] : state.stage;
    await tx
      .update(contractStates)
      .set({ doneSteps: [...state.doneSteps, key], stage, oldestDueDate: debt.oldestDue, updatedAt: d.clock.now() })
      .where(eq(contractStates.contractId, contractId));
    await d.audit.record(tx, SYSTEM, {
      action: `collection.${step.action}`,
      entityType: 'contract',
      entityId: contractId,
      after: { step: key, daysOverdue: debt.daysOverdue, outstandingVnd: debt.outstanding.toString(), oldestDueDate: debt.oldestDue },
    });
    return true;
  });
}

async function remind(d: CollectionDeps, tx: Executor, contractId: string, action: 'remind_email' | 'remind_sms', debt: Debt) {
  const c = await d.contracts.row(contractId, tx);
  const customer = await d.customers.row(c.customerId, tx);
  const related = { type: 'contract', id: contractId };
  const data = {
    customerName: customer.name,
    number: c.number,
    amount: formatVnd(debt.outstanding),
    dueDate: debt.oldestDue.split('-').reverse().join('/'),
    days: debt.daysOverdue,
    contractUrl: `${d.publicBaseUrl}/contracts/${contractId}`,
  };
  if (action === 'remind_email' && customer.email) {
    await d.notifications.email(tx, { to: customer.email, template: 'collection.reminder', locale: 'vi', data, related });
  }
  if (action === 'remind_sms' && customer.phone) {
    const text =
      `MobiFone: HD ${c.number} con no cuoc ${debt.outstanding.toString()} dong, qua han ${debt.daysOverdue} ngay. ` +
      'Vui long thanh toan de tranh tam dung dich vu. HT: 0896151617';
    await d.notifications.sms(tx, { to: customer.phone, text, related });
  }
}

/**
 * The lock (seed 003: "khóa dịch vụ", then "thu nợ sau khi khóa dịch vụ"): the service stays suspended
 * and may resume only once the whole debt is paid (the contracts module asks `guardResume`); every API
 * key of the contract is refused with SERVICE_LOCKED; debt collection starts: a case opens, assigned to
 * the contract's AM; the customer is told by SMS.
 */
async function lock(d: CollectionDeps, tx: Executor, contractId: string, debt: Debt) {
  await d.usage.lockService(tx, SYSTEM, contractId, `nợ cước quá hạn ${debt.daysOverdue} ngày`);
  await openCase(d, tx, contractId);
  const c = await d.contracts.row(contractId, tx);
  const customer = await d.customers.row(c.customerId, tx);
  if (customer.phone) {
    const text =
      `MobiFone: dich vu cua HD ${c.number} da bi KHOA do no cuoc ${debt.outstanding.toString()} dong qua han ${debt.daysOverdue} ngay. ` +
      'Dich vu chi mo lai khi thanh toan toan bo no. HT: 0896151617';
    await d.notifications.sms(tx, { to: customer.phone, text, related: { type: 'contract', id: contractId } });
  }
}

/** The debt goes to collection: assigned to the contract's AM when it has one, else left for the collection staff to take. */
async function openCase(d: CollectionDeps, tx: Executor, contractId: string) {
  const [existing] = await tx.select({ id: cases.id }).from(cases).where(and(eq(cases.contractId, contractId), eq(cases.status, 'open')));
  if (existing) return;
  const c = await d.contracts.row(contractId, tx);
  const now = d.clock.now();
  await tx.insert(cases).values({ id: newId('collectionCase', now), contractId, status: 'open', assigneeUserId: c.salesUserId, openedAt: now });
}

/** The debt is gone: the episode ends (its open case is closed as paid) and the next debt starts afresh. */
async function settle(d: CollectionDeps, contractId: string, reopened: boolean) {
  await d.database.db.transaction(async (tx) => {
    const state = await lockState(d, tx, contractId);
    if (state.doneSteps.length === 0) return;
    const now = d.clock.now();
    await tx.update(cases).set({ status: 'paid', closedAt: now }).where(and(eq(cases.contractId, contractId), eq(cases.status, 'open')));
    await d.usage.unlockService(tx, SYSTEM, contractId);
    const fresh = { doneSteps: [], stage: 'current' as const, oldestDueDate: null, updatedAt: now };
    await tx.update(contractStates).set(fresh).where(eq(contractStates.contractId, contractId));
    const action = reopened ? 'collection.reopened' : 'collection.settled';
    await d.audit.record(tx, SYSTEM, { action, entityType: 'contract', entityId: contractId, before: { steps: state.doneSteps } });
  });
}

/** Refuses to resume a contract whose service is locked while it still owes anything (SERVICE_LOCKED). */
export async function assertNotLocked(d: CollectionDeps, tx: Executor, contractId: string): Promise<void> {
  const [state] = await tx.select().from(contractStates).where(eq(contractStates.contractId, contractId));
  if (!state || !isLocked(state.doneSteps)) return;
  const owed = (await d.billing.openBillsOf(contractId, tx)).reduce((s, b) => s + b.totalVnd - b.paidVnd, 0n);
  if (owed > 0n) throw usageError('SERVICE_LOCKED', { contractId, outstandingVnd: owed.toString() });
}
