import { and, desc, eq } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import { fail } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import type { WriteOff } from '../contract.ts';
import { cases, contractStates, writeOffs } from '../db/schema.ts';
import type { CollectionDeps } from '../deps.ts';
import { collectionError } from '../errors.ts';
import { assertCanSeeContract, caseRow } from '../queries.ts';
import { presentWriteOff } from './cases.ts';

/** Asks to write off what the case's contract still owes (bad debt); the accountant decides. */
export async function requestWriteOff(d: CollectionDeps, ctx: Ctx, caseId: string, reason: string): Promise<WriteOff> {
  const c = await caseRow(d, caseId);
  await assertCanSeeContract(d, ctx, c.contractId);
  if (c.status !== 'open') throw collectionError('COLLECTION_CASE_CLOSED', { status: c.status });
  const open = (await d.billing.openBillsOf(c.contractId)).filter((b) => b.totalVnd > b.paidVnd);
  const amountVnd = open.reduce((s, b) => s + b.totalVnd - b.paidVnd, 0n);
  if (amountVnd === 0n) throw collectionError('COLLECTION_NOTHING_TO_WRITE_OFF');
  const row = await d.database.db.transaction(async (tx) => {
    const requested = and(eq(writeOffs.caseId, caseId), eq(writeOffs.status, 'requested'));
    const [pending] = await tx.select({ id: writeOffs.id }).from(writeOffs).where(requested).for('update');
    if (pending) throw collectionError('COLLECTION_WRITE_OFF_PENDING');
    const now = d.clock.now();
    const w = {
      id: newId('writeOff', now),
      caseId,
      contractId: c.contractId,
      billIds: open.map((b) => b.id),
      amountVnd,
      reason,
      status: 'requested' as const,
      requestedBy: ctx.actor.name,
      requestedById: ctx.actor.id,
      requestedAt: now,
    };
    await tx.insert(writeOffs).values(w);
    const after = { ...w, amountVnd: amountVnd.toString() };
    await d.audit.record(tx, ctx, { action: 'collection.write_off_requested', entityType: 'contract', entityId: c.contractId, after });
    return w;
  });
  return present(d, row.id);
}

/**
 * The accountant approves a write-off requested by someone else (a requester may only withdraw theirs): the bills become written off, the
 * commission earned on their payments is taken back, the case closes — one transaction, audited. The
 * service stays suspended (the contract is ended by its own process).
 */
export async function decideWriteOff(d: CollectionDeps, ctx: Ctx, id: string, decision: 'approve' | 'reject', note?: string): Promise<WriteOff> {
  await d.database.db.transaction(async (tx) => {
    const [w] = await tx.select().from(writeOffs).where(eq(writeOffs.id, id)).for('update');
    if (!w) throw fail('NOT_FOUND', { writeOff: id });
    if (w.status !== 'requested') throw collectionError('COLLECTION_WRITE_OFF_DECIDED', { status: w.status });
    if (decision === 'approve' && w.requestedById === ctx.actor.id) throw collectionError('COLLECTION_WRITE_OFF_SELF_APPROVAL');
    const now = d.clock.now();
    const status = decision === 'approve' ? 'approved' : 'rejected';
    await tx.update(writeOffs).set({ status, decidedBy: ctx.actor.name, decidedAt: now }).where(eq(writeOffs.id, id));
    let reversedVnd = 0n;
    if (decision === 'approve') {
      const payments = [];
      for (const billId of w.billIds) {
        await d.billing.markWrittenOff(tx, ctx, billId);
        payments.push(...(await d.billing.paidPaymentsOf(billId, tx)));
      }
      const paymentIds = payments.map((p) => p.id);
      reversedVnd = await d.commissions.reverseWriteOff(tx, ctx, { writeOffId: id, contractId: w.contractId, paymentIds, payments });
      await tx.update(cases).set({ status: 'written_off', closedAt: now }).where(eq(cases.id, w.caseId));
      await tx.delete(contractStates).where(eq(contractStates.contractId, w.contractId));
      // The debt is gone, so is the lock; the service stays suspended until the contract is ended.
      await d.usage.unlockService(tx, ctx, w.contractId);
    }
    await d.audit.record(tx, ctx, {
      action: `collection.write_off_${status}`,
      entityType: 'contract',
      entityId: w.contractId,
      after: { writeOff: id, amountVnd: w.amountVnd.toString(), commissionReversedVnd: reversedVnd.toString(), note: note ?? null },
    });
  });
  return present(d, id);
}

export async function listWriteOffs(d: CollectionDeps, status?: WriteOff['status']): Promise<{ items: WriteOff[] }> {
  const where = status ? eq(writeOffs.status, status) : undefined;
  const rows = await d.database.db.select().from(writeOffs).where(where).orderBy(desc(writeOffs.requestedAt)).limit(500);
  const numbers = await d.contracts.numbersOf(rows.map((w) => w.contractId));
  return { items: rows.map((w) => presentWriteOff(w, numbers.get(w.contractId) ?? w.contractId)) };
}

async function present(d: CollectionDeps, id: string): Promise<WriteOff> {
  const [w] = await d.database.db.select().from(writeOffs).where(eq(writeOffs.id, id));
  const numbers = await d.contracts.numbersOf([w.contractId]);
  return presentWriteOff(w, numbers.get(w.contractId) ?? w.contractId);
}
