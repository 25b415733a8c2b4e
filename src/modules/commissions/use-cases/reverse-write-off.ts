import { and, eq, inArray, sum } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import type { Ctx } from '../../../platform/context.ts';
import { accruals } from '../db/schema.ts';
import type { CommissionsDeps } from '../deps.ts';
import { periodOf } from '../../usage/index.ts';
import { sellerOf } from '../queries.ts';
import type { CollectedPayment } from '../../payments/index.ts';
import { accruePayment, insertAccrual } from './sync-accruals.ts';

export interface WriteOff {
  writeOffId: string;
  contractId: string;
  /** The payments made on the debt written off: their commission is taken back. */
  paymentIds: string[];
  /** The same payments as collected: any the sync has not accrued yet is accrued first, so its commission is taken back too. */
  payments?: CollectedPayment[];
}

/**
 * An approved bad-debt write-off takes back what the contract's seller earned on the written-off
 * debt's partial payments (and their refunds), in the caller's transaction; once per write-off.
 */
export async function reverseWriteOff(d: CommissionsDeps, tx: Executor, ctx: Ctx, w: WriteOff): Promise<bigint> {
  const s = await sellerOf(d, w.contractId, tx);
  if (!s || w.paymentIds.length === 0) return 0n;
  for (const p of w.payments ?? []) await accruePayment(d, tx, s, p, ctx);
  const [earned] = await tx
    .select({ total: sum(accruals.amountVnd) })
    .from(accruals)
    .where(and(eq(accruals.contractId, w.contractId), inArray(accruals.paymentId, w.paymentIds)));
  const amountVnd = -BigInt(earned?.total ?? 0);
  if (amountVnd === 0n) return 0n;
  const line = {
    sourceType: 'write_off',
    sourceId: w.writeOffId,
    paymentId: null,
    period: periodOf(d.clock.now()),
    contractId: w.contractId,
    collectedVnd: 0n,
    netVnd: 0n,
    amountVnd,
  } as const;
  await insertAccrual(d, tx, s, line, ctx);
  return amountVnd;
}
