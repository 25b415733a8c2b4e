import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { attempts, payments, refunds } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import type { PaymentStatus } from '../domain/payment-lifecycle.ts';
import { namesOf } from '../queries.ts';

export interface PaymentFilter {
  status?: PaymentStatus;
  contractId?: string;
  page: number;
  pageSize: number;
}

/** The ledger, newest first, each payment with its contract, customer, attempts and refunds. */
export async function listPayments(d: Deps, q: PaymentFilter) {
  const db = d.database.db;
  const cond = and(q.status ? eq(payments.status, q.status) : undefined, q.contractId ? eq(payments.contractId, q.contractId) : undefined);
  const page = db.select().from(payments).where(cond).orderBy(desc(payments.createdAt));
  const rows = await page.limit(q.pageSize).offset((q.page - 1) * q.pageSize);
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(payments).where(cond);
  const ids = rows.map((r) => r.id);
  const tries = ids.length ? await db.select().from(attempts).where(inArray(attempts.paymentId, ids)).orderBy(asc(attempts.createdAt)) : [];
  const back = ids.length ? await db.select().from(refunds).where(inArray(refunds.paymentId, ids)).orderBy(asc(refunds.createdAt)) : [];
  const names = await namesOf(d, rows);
  return {
    items: rows.map((r) => ({
      ...r,
      contractNumber: names.contracts.get(r.contractId) ?? null,
      customerName: names.customers.get(r.customerId) ?? null,
      attempts: tries.filter((a) => a.paymentId === r.id),
      refunds: back.filter((x) => x.paymentId === r.id),
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}
