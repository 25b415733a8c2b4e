import { and, eq, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { accruals } from './db/schema.ts';
import type { CommissionsDeps } from './deps.ts';
import { commissionRate, type AgentKind, type BeneficiaryKind } from './domain/commission.ts';

/** Whoever sold a contract and earns on it, or null (self-service, reseller agent, no sales person). */
export interface Seller {
  contractNumber: string;
  userId: string;
  username: string;
  kind: BeneficiaryKind;
  rateBp: number;
}

export async function sellerOf(d: CommissionsDeps, contractId: string): Promise<Seller | null> {
  const c = await d.contracts.row(contractId);
  if (!c.salesUserId) return null;
  const [user] = await d.identity.userRefs([c.salesUserId]);
  if (!user) return null;
  const unit = d.identity.orgUnit(user.orgUnitId ?? c.sellingUnitId ?? '') ?? d.identity.orgUnit(c.sellingUnitId ?? '');
  const agentKind: AgentKind | null = unit?.agentKind ?? null;
  const rate = commissionRate(c.channel, await d.catalog.product(c.productId), agentKind);
  return rate && { contractNumber: c.number, userId: user.id, username: user.username, ...rate };
}

/** The amount before VAT of `grossVnd` paid on a contract: the invoice line's split (the contract's VAT share). */
export async function netOf(d: CommissionsDeps, contractId: string, amendmentId: string | null, grossVnd: bigint): Promise<bigint> {
  if (grossVnd <= 0n) return 0n;
  return (await d.contracts.invoiceLine(contractId, amendmentId, grossVnd)).amountVnd;
}

/** The accountant (and admin) see every beneficiary; anyone else only their own lines. */
export const seesAll = (ctx: Ctx) => ctx.actor.kind === 'system' || ctx.actor.roles.some((r) => r === 'accountant' || r === 'admin');

export function visibleAccruals(ctx: Ctx, period: string): SQL {
  const own = seesAll(ctx) ? undefined : eq(accruals.beneficiaryUserId, ctx.actor.id ?? '');
  return and(eq(accruals.period, period), own)!;
}
