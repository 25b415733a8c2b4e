import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.ts';
import { allowedActions, approvalsComplete, nextStatus, type ActionContext } from './lifecycle.ts';

const nobody = { sell: false, approveCtkv: false, approveTtcntt: false, recordPayment: false, provision: false, suspend: false, ownerCustomer: false, selfService: false };
const ctx = (over: Partial<ActionContext>): ActionContext => ({
  status: 'draft',
  billing: 'prepaid',
  approvals: { needsCtkv: true, ctkvApproved: false, ttcnttApproved: false },
  can: nobody,
  amendable: true,
  hasLiveRenewal: false,
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
    for (const [from, event] of [['awaiting_payment', 'approved'], ['draft', 'pay'], ['active', 'submit'], ['terminated', 'resume'], ['cancelled', 'submit']] as const) {
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
    expect(allowedActions(ctx({ ...pending, approvals: { needsCtkv: true, ctkvApproved: true, ttcnttApproved: false }, can: { ...nobody, approveCtkv: true } }))).toEqual([]);
    expect(allowedActions(ctx({ status: 'draft', can: { ...nobody, sell: true } }))).toEqual(['submit', 'cancel']);
    expect(allowedActions(ctx({ status: 'active', can: { ...nobody, sell: true } }))).toEqual(['terminate', 'renew', 'amend']);
    expect(allowedActions(ctx({ status: 'active', can: { ...nobody, sell: true }, hasLiveRenewal: true, amendable: false }))).toEqual(['terminate']);
    expect(allowedActions(ctx({ status: 'awaiting_payment', can: { ...nobody, ownerCustomer: true, selfService: true } }))).toEqual(['cancel']);
    expect(allowedActions(ctx({ status: 'active', can: { ...nobody, ownerCustomer: true } }))).toEqual([]);
    expect(allowedActions(ctx({ status: 'provisioning', can: { ...nobody, provision: true } }))).toEqual(['complete_provisioning']);
  });
});
