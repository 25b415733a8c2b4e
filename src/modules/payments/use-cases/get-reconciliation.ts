import { eq, inArray } from 'drizzle-orm';
import { fail } from '../../../platform/errors.ts';
import { attempts, payments, reconciliations } from '../db/schema.ts';
import type { ReconSummary } from '../contract.ts';
import type { Deps } from '../deps.ts';
import type { StoredReconItem } from '../domain/reconcile.ts';
import { namesOf } from '../queries.ts';

/** One day's reconciliation; each row names its contract and customer (none for a reference unknown here). */
export async function getReconciliation(d: Deps, date: string) {
  const db = d.database.db;
  const [r] = await db.select().from(reconciliations).where(eq(reconciliations.date, date));
  if (!r) throw fail('NOT_FOUND', { reconciliation: date });
  const items = (r.items ?? []) as StoredReconItem[];
  const refs = items.map((i) => i.txnRef);
  const owners = refs.length
    ? await db
        .select({ txnRef: attempts.txnRef, contractId: payments.contractId, customerId: payments.customerId })
        .from(attempts)
        .innerJoin(payments, eq(payments.id, attempts.paymentId))
        .where(inArray(attempts.txnRef, refs))
    : [];
  const names = await namesOf(d, owners);
  const byRef = new Map(owners.map((o) => [o.txnRef, o]));
  return {
    ...r,
    summary: r.summary as ReconSummary | null,
    items: items.map((i) => {
      const o = byRef.get(i.txnRef);
      const contractNumber = o ? (names.contracts.get(o.contractId) ?? null) : null;
      const customerName = o ? (names.customers.get(o.customerId) ?? null) : null;
      return { ...i, contractId: o?.contractId ?? null, contractNumber, customerName };
    }),
  };
}
