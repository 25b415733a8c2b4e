/** Commissions on money actually collected (SPEC A6; OCA commission with trigger = payment). Pure. */

export type SalesChannel = 'self_service' | 'am' | 'agent';
export type BeneficiaryKind = 'am' | 'agent';
export type AgentKind = 'reseller' | 'commission';

/** A product's commission policy, in basis points (4000 = 40 %). */
export interface CommissionPolicy {
  agentCommissionBp: number;
  amCommissionBp: number;
}

/**
 * Who earns on a contract and at what rate: the AM/KAM at the product's AM rate, a commission agent
 * (đại lý hưởng chi phí phát triển duy trì) at its agent rate. A reseller agent (đại lý bao tiêu)
 * bought outright and a self-service order has no seller: nothing is owed.
 */
export function commissionRate(channel: SalesChannel, policy: CommissionPolicy, agentKind: AgentKind | null): { kind: BeneficiaryKind; rateBp: number } | null {
  if (channel === 'am') return { kind: 'am', rateBp: policy.amCommissionBp };
  if (channel === 'agent' && agentKind === 'commission') return { kind: 'agent', rateBp: policy.agentCommissionBp };
  return null;
}

/** The commission on `netVnd` collected before VAT, rounded down: it never exceeds the policy share. */
export function commissionOn(netVnd: bigint, rateBp: number): bigint {
  if (!Number.isInteger(rateBp) || rateBp < 0 || rateBp > 10_000) throw new RangeError(`bad commission rate ${rateBp}`);
  return netVnd <= 0n ? 0n : (netVnd * BigInt(rateBp)) / 10_000n;
}

/**
 * What a refund takes back: the payment's commission on what remains after it, minus its commission
 * before it. The accruals of a payment and its refunds thus always sum to the commission on what
 * remains collected, so rounding never adds up to more than the policy share.
 */
export function refundReversal(netBeforeVnd: bigint, netAfterVnd: bigint, rateBp: number): bigint {
  return commissionOn(netAfterVnd, rateBp) - commissionOn(netBeforeVnd, rateBp);
}

/**
 * The part before VAT of `grossVnd` paid on a bill of `totalVnd` with `vatVnd` of VAT: the VAT share is
 * rounded UP, so however a bill is paid in parts, the parts' amounts before VAT never add up to more
 * than the bill's subtotal (and the whole bill paid at once gives exactly its subtotal).
 */
export function netOfBillPart(grossVnd: bigint, bill: { totalVnd: bigint; vatVnd: bigint }): bigint {
  if (grossVnd <= 0n || bill.totalVnd <= 0n) return grossVnd > 0n ? grossVnd : 0n;
  const vatShare = (grossVnd * bill.vatVnd + bill.totalVnd - 1n) / bill.totalVnd;
  return grossVnd - vatShare;
}
