import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.ts';
import {
  allowedActions,
  approvalLevelOf,
  approvalsComplete,
  awaitsAccount,
  nextStatus,
  requiredApprovals,
  serviceAccess,
  type ActionContext,
} from './lifecycle.ts';
import { codeOf } from '../../../platform/codes.test-util.ts';

const nobody = {
  sell: false,
  approveCtkv: false,
  approveTtcntt: false,
  recordPayment: false,
  provision: false,
  suspend: false,
  ownerCustomer: false,
  selfService: false,
};
const ctx = (over: Partial<ActionContext>): ActionContext => ({
  status: 'draft',
  billing: 'prepaid',
  approvals: { needsCtkv: true, ctkvApproved: false, ttcnttApproved: false },
  can: nobody,
  amendable: true,
  hasLiveRenewal: false,
  awaitingAccount: false,
  ...over,
});

describe('contract lifecycle', () => {
  it('walks C2: draft → awaiting payment → pending approval → provisioning → active', () => {
    expect(nextStatus('draft', 'submit')).toBe('awaiting_payment');
    expect(nextStatus('awaiting_payment', 'pay')).toBe('pending_approval');
    expect(nextStatus('pending_approval', 'approved')).toBe('provisioning');
    expect(nextStatus('provisioning', 'provisioned')).toBe('active');
  });

  it('C1 activates at payment; C3 skips payment', () => {
    expect(nextStatus('awaiting_payment', 'pay_self_service')).toBe('active');
    expect(nextStatus('draft', 'submit_postpaid')).toBe('pending_approval');
  });

  it('refuses out-of-order steps with INVALID_TRANSITION', () => {
    const wrong = [['awaiting_payment', 'approved'], ['draft', 'pay'], ['active', 'submit'], ['terminated', 'resume'], ['cancelled', 'submit']] as const;
    for (const [from, event] of wrong) {
      expect(() => nextStatus(from, event)).toThrow(AppError);
    }
  });

  it('a CTKV sale needs both approvals; a TT CNTT sale only TT CNTT', () => {
    expect(approvalsComplete({ needsCtkv: true, ctkvApproved: true, ttcnttApproved: false })).toBe(false);
    expect(approvalsComplete({ needsCtkv: true, ctkvApproved: true, ttcnttApproved: true })).toBe(true);
    expect(approvalsComplete({ needsCtkv: false, ctkvApproved: false, ttcnttApproved: true })).toBe(true);
  });

  it('offers each role only its own buttons', () => {
    const pending = { status: 'pending_approval' as const };
    expect(allowedActions(ctx({ ...pending, can: { ...nobody, approveCtkv: true } }))).toEqual(['approve', 'reject']);
    const ctkvDone = { needsCtkv: true, ctkvApproved: true, ttcnttApproved: false };
    expect(allowedActions(ctx({ ...pending, approvals: ctkvDone, can: { ...nobody, approveCtkv: true } }))).toEqual([]);
    expect(allowedActions(ctx({ status: 'draft', can: { ...nobody, sell: true } }))).toEqual(['submit', 'cancel']);
    expect(allowedActions(ctx({ status: 'active', can: { ...nobody, sell: true } }))).toEqual(['terminate', 'renew', 'amend']);
    expect(allowedActions(ctx({ status: 'active', can: { ...nobody, sell: true }, hasLiveRenewal: true, amendable: false }))).toEqual(['terminate']);
    expect(allowedActions(ctx({ status: 'awaiting_payment', can: { ...nobody, ownerCustomer: true, selfService: true } }))).toEqual(['cancel']);
    expect(allowedActions(ctx({ status: 'active', can: { ...nobody, ownerCustomer: true } }))).toEqual([]);
    expect(allowedActions(ctx({ status: 'provisioning', awaitingAccount: true, can: { ...nobody, provision: true } }))).toEqual(['complete_provisioning']);
    expect(allowedActions(ctx({ status: 'active', awaitingAccount: true, can: { ...nobody, provision: true } }))).toEqual(['complete_provisioning']);
  });

  it('a self-service contract has no approvals; a declared one TT CNTT, and its CTKV when a CTKV sold it', () => {
    expect(requiredApprovals({ channel: 'self_service', needsCtkv: false })).toEqual([]);
    expect(requiredApprovals({ channel: 'agent', needsCtkv: false })).toEqual(['ttcntt']);
    expect(requiredApprovals({ channel: 'am', needsCtkv: true })).toEqual(['ctkv', 'ttcntt']);
  });

  it('the customer waits for an account until it exists: C2 while provisioning, C1 while live', () => {
    const c = { channel: 'self_service' as const, accountRef: null };
    expect(awaitsAccount({ ...c, status: 'active' })).toBe(true);
    expect(awaitsAccount({ ...c, status: 'awaiting_payment' })).toBe(false);
    expect(awaitsAccount({ ...c, status: 'expired' })).toBe(false);
    expect(awaitsAccount({ ...c, status: 'active', accountRef: 'meeting:a' })).toBe(false);
    expect(awaitsAccount({ channel: 'am', accountRef: null, status: 'provisioning' })).toBe(true);
    expect(awaitsAccount({ channel: 'am', accountRef: null, status: 'active' })).toBe(false);
  });

  it('service access: expected time before, account and link after', () => {
    const due = new Date('2026-03-03T10:30:00Z');
    const waiting = { status: 'active' as const, channel: 'self_service' as const, accountRef: null, accessUrl: null };
    expect(serviceAccess(waiting, due)).toEqual({ status: 'provisioning', expectedBy: due, accountRef: null, accessUrl: null });
    const ready = { ...waiting, accountRef: 'meeting:a', accessUrl: 'https://meet.example/a' };
    expect(serviceAccess(ready, null)).toEqual({ status: 'ready', expectedBy: null, accountRef: 'meeting:a', accessUrl: 'https://meet.example/a' });
    expect(serviceAccess({ status: 'awaiting_payment', channel: 'self_service', accountRef: null, accessUrl: null }, null)).toBeNull();
  });
});

describe('approvalLevelOf', () => {
  const pending = { id: 'contract_1', status: 'pending_approval' as const, needsCtkv: true, ctkvApproved: false, ttcnttApproved: false };
  const ctkv = { approvesCtkv: true, approvesTtcntt: false, inScope: true };
  const ttcntt = { approvesCtkv: false, approvesTtcntt: true, inScope: false };

  it('a CTKV approver of the selling CTKV approves at CTKV; TT CNTT at TT CNTT, in either order', () => {
    expect(approvalLevelOf(ctkv, pending)).toBe('ctkv');
    expect(approvalLevelOf(ttcntt, pending)).toBe('ttcntt');
    expect(approvalLevelOf({ ...ctkv, approvesTtcntt: true }, { ...pending, ctkvApproved: true })).toBe('ttcntt');
  });

  it('refuses another CTKV, a level already done, the wrong state and a non-approver', () => {
    expect(codeOf(() => approvalLevelOf({ ...ctkv, inScope: false }, pending))).toBe('FORBIDDEN');
    expect(codeOf(() => approvalLevelOf(ctkv, { ...pending, ctkvApproved: true }))).toBe('CONFLICT');
    expect(codeOf(() => approvalLevelOf(ctkv, { ...pending, needsCtkv: false }))).toBe('CONFLICT');
    expect(codeOf(() => approvalLevelOf(ttcntt, { ...pending, status: 'active', ttcnttApproved: true }))).toBe('INVALID_TRANSITION');
    expect(codeOf(() => approvalLevelOf({ approvesCtkv: false, approvesTtcntt: false, inScope: true }, pending))).toBe('FORBIDDEN');
  });
});
