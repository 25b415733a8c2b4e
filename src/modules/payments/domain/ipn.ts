import { IPN_RSP_CODE, type IpnRspCode } from '../../../protocols/vnpay/codes.ts';
import { attemptOpen, type AttemptStatus } from './payment-lifecycle.ts';

/**
 * What to answer VNPay's IPN, checked in VNPay's order: signature (97, also for a foreign terminal
 * signed with our secret: it is not ours to record), order (01), amount (04),
 * already confirmed (02), then record (00) — a failed payment is recorded too. Pure: the service
 * loads the attempt under a row lock and applies the outcome.
 */
export interface IpnFacts {
  signatureValid: boolean;
  attempt: { amountVnd: bigint; status: AttemptStatus } | null;
  callback: { amountVnd: bigint; paid: boolean; ourTerminal: boolean } | null;
}

export type IpnDecision =
  | { rspCode: Exclude<IpnRspCode, '00'>; apply: null }
  | { rspCode: '00'; apply: 'success' | 'failure' };

export function decideIpn(f: IpnFacts): IpnDecision {
  if (!f.signatureValid || !f.callback || !f.callback.ourTerminal) return { rspCode: IPN_RSP_CODE.INVALID_SIGNATURE, apply: null };
  if (!f.attempt) return { rspCode: IPN_RSP_CODE.ORDER_NOT_FOUND, apply: null };
  if (f.attempt.amountVnd !== f.callback.amountVnd) return { rspCode: IPN_RSP_CODE.INVALID_AMOUNT, apply: null };
  if (!attemptOpen(f.attempt.status)) return { rspCode: IPN_RSP_CODE.ALREADY_CONFIRMED, apply: null };
  return { rspCode: IPN_RSP_CODE.CONFIRM_SUCCESS, apply: f.callback.paid ? 'success' : 'failure' };
}
