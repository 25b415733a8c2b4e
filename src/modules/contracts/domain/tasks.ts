/**
 * The steps of a contract that carry a working-day deadline (C4, C8), and which roles act on each:
 * the same table decides whose inbox lists a step and who is e-mailed when it opens.
 */
import { TASK_KINDS, type TaskKind } from '../contract.ts';
import type { ApprovalLevel } from './lifecycle.ts';


const SELLERS = ['am', 'kam', 'agent'];

/** Who does each step: sellers declare and renew, each approver level approves, ops configures. */
export const TASK_ROLES: Record<TaskKind, readonly string[]> = {
  declare: SELLERS,
  renew: SELLERS,
  approve_ctkv: ['approver_ctkv'],
  approve_ttcntt: ['approver_ttcntt'],
  provision: ['ops'],
  configure_amendment: ['ops'],
  configure_termination: ['ops'],
};

export const APPROVAL_TASK: Record<ApprovalLevel, TaskKind> = { ctkv: 'approve_ctkv', ttcntt: 'approve_ttcntt' };

/** The kinds of step a caller's inbox lists: every kind for an admin, else the kinds their roles do. */
export function taskKindsFor(roles: readonly string[]): readonly TaskKind[] {
  if (roles.includes('admin')) return TASK_KINDS;
  return TASK_KINDS.filter((k) => TASK_ROLES[k].some((r) => roles.includes(r)));
}

/** Overdue steps of everyone are for managers: admins and approvers. */
export function mayListOverdue(roles: readonly string[]): boolean {
  return roles.some((r) => r === 'admin' || r === 'approver_ctkv' || r === 'approver_ttcntt');
}
