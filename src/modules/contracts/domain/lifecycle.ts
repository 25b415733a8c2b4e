import { fail } from '../../../platform/errors.ts';
import { defineMachine, eventsFrom, transition } from '../../../platform/state-machine.ts';
import type { ContractAction, ContractStatus } from '../contract.ts';

/**
 * The contract lifecycle (SPEC C1–C7) as data. Status words are the API's; "active" is a contract in use.
 *
 * C1 self-service:  awaiting_payment --pay_self_service--> active (the account follows: see `awaitsAccount`)
 * C2 declared:      draft --submit--> awaiting_payment --pay--> pending_approval --approved--> provisioning --provisioned--> active
 * C3 postpaid:      draft --submit_postpaid--> pending_approval --> …
 * C5/C7:            active <--suspend/resume--> suspended; active|suspended --terminate|expire--> terminated|expired
 */
export type ContractEvent =
  | 'submit'
  | 'submit_postpaid'
  | 'pay'
  | 'pay_self_service'
  | 'approved'
  | 'reject'
  | 'provisioned'
  | 'cancel'
  | 'suspend'
  | 'resume'
  | 'terminate'
  | 'expire';

export const CONTRACT_MACHINE = defineMachine<ContractStatus, ContractEvent>({
  draft: { submit: 'awaiting_payment', submit_postpaid: 'pending_approval', cancel: 'cancelled' },
  awaiting_payment: { pay: 'pending_approval', pay_self_service: 'active', cancel: 'cancelled' },
  pending_approval: { approved: 'provisioning', reject: 'rejected' },
  provisioning: { provisioned: 'active' },
  active: { suspend: 'suspended', terminate: 'terminated', expire: 'expired' },
  suspended: { resume: 'active', terminate: 'terminated', expire: 'expired' },
  expired: {},
  terminated: {},
  cancelled: {},
  rejected: {},
});

export const nextStatus = (from: ContractStatus, event: ContractEvent) => transition(CONTRACT_MACHINE, from, event);

/** Statuses in which the contract still binds the parties (used by renewal and reminders). */
export const LIVE_STATUSES: ContractStatus[] = ['active', 'suspended'];

export interface ApprovalState {
  needsCtkv: boolean;
  ctkvApproved: boolean;
  ttcnttApproved: boolean;
}

/**
 * Business rule 3842/MOBIFONE-KHDN: a contract sold by a CTKV is approved by that CTKV's approver and
 * by TT CNTT; a contract sold by TT CNTT or its agents only by TT CNTT.
 */
export function approvalsComplete(a: ApprovalState): boolean {
  return a.ttcnttApproved && (!a.needsCtkv || a.ctkvApproved);
}

export type ApprovalLevel = 'ctkv' | 'ttcntt';

/** What a caller may approve: from their permissions, and whether the contract lies in their scope. */
export interface Approver {
  approvesCtkv: boolean;
  approvesTtcntt: boolean;
  inScope: boolean;
}

/**
 * The level a caller approves (or rejects) at: a CTKV approver of the selling CTKV while that approval
 * is missing, else TT CNTT while its approval is missing. An approver whose level is done meets a
 * conflict (or the transition's refusal once the contract has moved on); anyone else is forbidden.
 */
export function approvalLevelOf(who: Approver, c: { id: string; status: ContractStatus } & ApprovalState): ApprovalLevel {
  if (who.approvesCtkv && c.needsCtkv && !c.ctkvApproved) {
    if (!who.inScope) throw fail('FORBIDDEN', { contract: c.id }, { vi: 'hợp đồng thuộc CTKV khác', en: 'the contract belongs to another CTKV' });
    return 'ctkv';
  }
  if (who.approvesTtcntt && !c.ttcnttApproved) return 'ttcntt';
  if (who.approvesCtkv || who.approvesTtcntt) {
    if (c.status !== 'pending_approval') nextStatus(c.status, 'approved'); // throws INVALID_TRANSITION
    throw fail('CONFLICT', { contract: c.id }, { vi: 'hợp đồng đã được duyệt ở cấp của bạn', en: 'already approved at your level' });
  }
  throw fail('FORBIDDEN');
}

/**
 * The approvals a contract's flow has at all: none for a self-service purchase (C1: paid online and
 * activated at once); TT CNTT for every declared contract, and the selling CTKV's too when a CTKV sold it.
 */
export function requiredApprovals(c: { channel: 'self_service' | 'am' | 'agent'; needsCtkv: boolean }): ApprovalLevel[] {
  if (c.channel === 'self_service') return [];
  return c.needsCtkv ? ['ctkv', 'ttcntt'] : ['ttcntt'];
}

/**
 * Whether the customer still waits for their service account: a declared contract between approval
 * and activation (C2), or a self-service one, active at once (C1), until the account is created.
 */
export function awaitsAccount(c: { status: ContractStatus; channel: 'self_service' | 'am' | 'agent'; accountRef: string | null }): boolean {
  if (c.accountRef) return false;
  return c.status === 'provisioning' || (c.channel === 'self_service' && LIVE_STATUSES.includes(c.status));
}

/** What the customer can use: the account and link once provisioned; before that, when they are expected. */
export type ServiceAccess =
  | { status: 'provisioning'; expectedBy: Date | null; accountRef: null; accessUrl: null }
  | { status: 'ready'; expectedBy: null; accountRef: string; accessUrl: string | null };

/** `provisionDueAt`: the deadline of the open provisioning step, on the working-day calendar. */
export function serviceAccess(
  c: { status: ContractStatus; channel: 'self_service' | 'am' | 'agent'; accountRef: string | null; accessUrl: string | null },
  provisionDueAt: Date | null,
): ServiceAccess | null {
  if (awaitsAccount(c)) return { status: 'provisioning', expectedBy: provisionDueAt, accountRef: null, accessUrl: null };
  if (c.accountRef) return { status: 'ready', expectedBy: null, accountRef: c.accountRef, accessUrl: c.accessUrl };
  return null;
}

export interface ActionContext {
  status: ContractStatus;
  billing: 'prepaid' | 'postpaid';
  approvals: ApprovalState;
  /** What the caller may do, from their roles and scope. */
  can: {
    sell: boolean;
    approveCtkv: boolean;
    approveTtcntt: boolean;
    recordPayment: boolean;
    provision: boolean;
    suspend: boolean;
    ownerCustomer: boolean;
    selfService: boolean;
  };
  /** A prepaid contract priced by a table (not an On-Premise quote) can be amended. */
  amendable: boolean;
  hasLiveRenewal: boolean;
  /** The service account is still to be created (see `awaitsAccount`). */
  awaitingAccount: boolean;
}

/** Actions a screen may offer: what the state machine allows, then narrowed by who is asking. */
export function allowedActions(c: ActionContext): ContractAction[] {
  const events = new Set(eventsFrom(CONTRACT_MACHINE, c.status));
  const out: ContractAction[] = [];
  if (events.has('submit') && c.can.sell) out.push('submit');
  if (c.status === 'pending_approval') {
    const ctkvTurn = c.approvals.needsCtkv && !c.approvals.ctkvApproved && c.can.approveCtkv;
    const ttcnttTurn = !c.approvals.ttcnttApproved && c.can.approveTtcntt;
    if (ctkvTurn || ttcnttTurn) out.push('approve', 'reject');
  }
  if (c.status === 'awaiting_payment' && c.can.recordPayment) out.push('record_payment');
  if (c.awaitingAccount && c.can.provision) out.push('complete_provisioning');
  if (events.has('cancel') && (c.can.sell || (c.can.ownerCustomer && c.can.selfService))) out.push('cancel');
  if (events.has('terminate') && c.can.sell) out.push('terminate');
  if (events.has('suspend') && c.can.suspend) out.push('suspend');
  if (events.has('resume') && c.can.suspend) out.push('resume');
  if (LIVE_STATUSES.includes(c.status) && c.can.sell && !c.hasLiveRenewal) out.push('renew');
  if (c.status === 'active' && c.can.sell && c.amendable) out.push('amend');
  return out;
}
