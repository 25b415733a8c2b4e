import { describe, expect, it } from 'vitest';
import { TASK_KINDS } from '../contract.ts';
import { mayListOverdue, TASK_ROLES, taskKindsFor } from './tasks.ts';

describe('which role does which step', () => {
  it('sellers declare and renew; approvers approve at their level; ops configures', () => {
    expect(taskKindsFor(['am'])).toEqual(['declare', 'renew']);
    expect(taskKindsFor(['agent'])).toEqual(['declare', 'renew']);
    expect(taskKindsFor(['approver_ctkv'])).toEqual(['approve_ctkv']);
    expect(taskKindsFor(['approver_ttcntt'])).toEqual(['approve_ttcntt']);
    expect(taskKindsFor(['ops'])).toEqual(['provision', 'configure_amendment', 'configure_termination']);
  });

  it('an admin sees every kind; several roles add up; a role with no step sees none', () => {
    expect(taskKindsFor(['admin'])).toEqual(TASK_KINDS);
    expect(taskKindsFor(['kam', 'ops'])).toEqual(['declare', 'provision', 'configure_amendment', 'configure_termination', 'renew']);
    expect(taskKindsFor(['invoice_officer'])).toEqual([]);
    expect(taskKindsFor([])).toEqual([]);
  });

  it('every kind of step has someone to do it', () => {
    for (const k of TASK_KINDS) expect(TASK_ROLES[k].length).toBeGreaterThan(0);
  });

  it('only admins and approvers list everyone\'s overdue steps', () => {
    expect(mayListOverdue(['admin'])).toBe(true);
    expect(mayListOverdue(['approver_ctkv'])).toBe(true);
    expect(mayListOverdue(['am', 'approver_ttcntt'])).toBe(true);
    expect(mayListOverdue(['am'])).toBe(false);
    expect(mayListOverdue(['ops'])).toBe(false);
  });
});
