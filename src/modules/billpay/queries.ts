import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import { fail } from '../../platform/errors.ts';
import type { LedgerSubscriber } from '../../protocols/subscriber-ledger/protocol.ts';
import type { DeskOrder, PublicOrder, RiskRules } from './contract.ts';
import { orders, settings } from './db/schema.ts';
import type { Deps } from './deps.ts';
import { billPartOf } from './domain/limits.ts';
import { DEFAULT_RISK_CONFIG, type RiskConfig } from './domain/risk.ts';
import { billpayError } from './errors.ts';

export type OrderRow = typeof orders.$inferSelect;

/** An order by id, locked for update when `lock` (inside the caller's transaction). */
export async function orderRow(d: Deps, id: string, ex: Executor = d.database.db, lock = false): Promise<OrderRow> {
  const q = ex.select().from(orders).where(eq(orders.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw fail('NOT_FOUND', { order: id });
  return row;
}

/**
 * The billing center a user works for (E9): a clearing user only their own (`TTTCTK-C<n>`);
 * null for the roles that see every center (administrator, accountant).
 */
export function centerOf(d: Deps, ctx: Ctx): number | null {
  if (ctx.actor.kind === 'system' || ctx.actor.roles.some((r) => r === 'admin' || r === 'accountant')) return null;
  const code = ctx.actor.orgUnitId ? d.identity.orgUnit(ctx.actor.orgUnitId)?.code : undefined;
  const m = code ? /^TTTCTK-C([1-6])$/.exec(code) : null;
  return m ? Number(m[1]) : 0; // a clearing user outside the six centers sees nothing
}

/** Refuses an order of another center than the user's (E9). */
export function assertCenter(d: Deps, ctx: Ctx, order: OrderRow): void {
  const mine = centerOf(d, ctx);
  if (mine !== null && mine !== order.center) throw billpayError('OTHER_CENTER', { center: order.center });
}

/** The ledger's answer for a number, or a clear 503 when it does not answer (read outside any transaction). */
export async function lookupSubscriber(d: Deps, msisdn: string): Promise<LedgerSubscriber | null> {
  try {
    return await d.ledger.subscriber(msisdn);
  } catch {
    throw billpayError('LEDGER_UNAVAILABLE');
  }
}

/** Gives an order's place in the day's count and bill amount back (E3), in the transaction that ends it. */
export async function releasePlace(d: Deps, tx: Executor, o: OrderRow): Promise<void> {
  await d.database.rows(
    sql`update billpay.day_usage set count = count - 1, bill_vnd = bill_vnd - ${billPartOf(o.kind, o.amountVnd)}
         where msisdn = ${o.msisdn} and day = ${o.day}`,
    tx,
  );
}

/** Takes the place again without checking the limits: money arrived late for a released order, and it is ours to process. */
export async function retakePlace(d: Deps, tx: Executor, o: OrderRow): Promise<void> {
  await d.database.rows(
    sql`insert into billpay.day_usage as u (msisdn, day, count, bill_vnd) values (${o.msisdn}, ${o.day}, 1, ${billPartOf(o.kind, o.amountVnd)})
        on conflict (msisdn, day) do update set count = u.count + 1, bill_vnd = u.bill_vnd + excluded.bill_vnd`,
    tx,
  );
}

export const RISK_KEY = 'risk_rules';

export async function riskConfig(d: Deps): Promise<RiskConfig> {
  const [row] = await d.database.db.select().from(settings).where(eq(settings.key, RISK_KEY));
  if (!row) return DEFAULT_RISK_CONFIG;
  const v = row.value as RiskRules;
  return { ...v, largeFirstPayment: { ...v.largeFirstPayment, minVnd: BigInt(v.largeFirstPayment.minVnd) } };
}

export const riskRulesOut = (c: RiskConfig): RiskRules => ({ ...c, largeFirstPayment: { ...c.largeFirstPayment, minVnd: c.largeFirstPayment.minVnd.toString() } });

export const toPublicOrder = (o: OrderRow): PublicOrder => ({
  orderId: o.id,
  msisdn: o.msisdn,
  kind: o.kind,
  amountVnd: o.amountVnd.toString(),
  status: o.status,
  createdAt: o.createdAt.toISOString(),
  clearedAt: o.clearedAt?.toISOString() ?? null,
});

export const toDeskOrder = (o: OrderRow): DeskOrder => ({
  id: o.id,
  msisdn: o.msisdn,
  kind: o.kind,
  amountVnd: o.amountVnd.toString(),
  cardType: o.cardType,
  status: o.status,
  center: o.center,
  txnRef: o.txnRef,
  bankCode: o.bankCode,
  paymentId: o.paymentId,
  riskScore: o.riskScore,
  riskHits: o.riskHits,
  debtAfterVnd: o.posting?.afterVnd ?? null,
  clearedBy: o.clearedBy,
  clearingError: o.clearingError,
  cancelReason: o.cancelReason,
  createdAt: o.createdAt.toISOString(),
  paidAt: o.paidAt?.toISOString() ?? null,
  clearedAt: o.clearedAt?.toISOString() ?? null,
});
