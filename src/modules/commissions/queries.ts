import { and, eq, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { periodEnd, periodOf, previousPeriod } from '../usage/index.ts';
import type { Ctx } from '../../platform/context.ts';
import { accruals } from './db/schema.ts';
import type { CommissionsDeps } from './deps.ts';
import { commissionRate, netOfBillPart, type AgentKind, type BeneficiaryKind } from './domain/commission.ts';

/** Whoever sold a contract and earns on it, or null (self-service, reseller agent, no sales person). */
export interface Seller {
  contractNumber: string;
  userId: string;
  username: string;
  kind: BeneficiaryKind;
  rateBp: number;
}

export async function sellerOf(d: CommissionsDeps, contractId: string, ex?: Executor): Promise<Seller | null> {
  const c = await d.contracts.row(contractId, ex);
  if (!c.salesUserId) return null;
  const [user] = await d.identity.userRefs([c.salesUserId], ex);
  if (!user) return null;
  const unit = d.identity.orgUnit(user.orgUnitId ?? c.sellingUnitId ?? '') ?? d.identity.orgUnit(c.sellingUnitId ?? '');
  const agentKind: AgentKind | null = unit?.agentKind ?? null;
  const rate = commissionRate(c.channel, await d.catalog.product(c.productId, ex), agentKind);
  return rate && { contractNumber: c.number, userId: user.id, username: user.username, ...rate };
}

/** What a payment paid for: a contract (or one of its appendices), or a postpaid bill. */
export interface PaidFor {
  contractId: string;
  amendmentId: string | null;
  billId: string | null;
}

/**
 * The amount before VAT of `grossVnd` paid: the invoice line's split — the VAT share of the bill it
 * paid, else of the contract (an appendix keeps the contract's share).
 */
export async function netOf(d: CommissionsDeps, p: PaidFor, grossVnd: bigint, ex?: Executor): Promise<bigint> {
  if (grossVnd <= 0n) return 0n;
  if (p.billId) {
    const b = await d.billing.bill(p.billId, ex);
    return netOfBillPart(grossVnd, b);
  }
  return (await d.contracts.invoiceLine(p.contractId, p.amendmentId, grossVnd)).amountVnd;
}

/** The accountant (and admin) see every beneficiary; anyone else only their own lines. */
export const seesAll = (ctx: Ctx) => ctx.actor.kind === 'system' || ctx.actor.roles.some((r) => r === 'accountant' || r === 'admin');

export function visibleAccruals(ctx: Ctx, period: string): SQL {
  const own = seesAll(ctx) ? undefined : eq(accruals.beneficiaryUserId, ctx.actor.id ?? '');
  return and(eq(accruals.period, period), own)!;
}

/** The instants [from, to) of a local month (tháng N). */
export const periodRange = (period: string): { from: Date; to: Date } => ({ from: periodEnd(previousPeriod(period)), to: periodEnd(period) });

/** A month can be settled once it is over. */
export const periodEnded = (period: string, now: Date): boolean => periodOf(now) > period;
