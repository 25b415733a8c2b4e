import { defineMachine, transition } from '../../../platform/state-machine.ts';
import { BILL_STATUS_VALUES } from '../contract.ts';

/**
 * A bill's life (SPEC C3, G2). A bill run drafts it and issues it at once (number, issue and due
 * dates); money moves it to paid or partly paid; the due date passing makes it overdue; collection
 * may write an unrecoverable bill off.
 *
 *   draft --issue--> issued --pay_part--> partly_paid --pay_rest--> paid
 *   issued|partly_paid|overdue --pay_all|pay_rest--> paid;  issued|partly_paid --fall_due--> overdue
 *   issued|partly_paid|overdue --write_off--> written_off
 */
export const BILL_STATUSES = BILL_STATUS_VALUES;
export type BillStatus = (typeof BILL_STATUSES)[number];

export type BillEvent = 'issue' | 'pay_part' | 'pay_rest' | 'fall_due' | 'write_off';

export const BILL_MACHINE = defineMachine<BillStatus, BillEvent>({
  draft: { issue: 'issued' },
  issued: { pay_part: 'partly_paid', pay_rest: 'paid', fall_due: 'overdue', write_off: 'written_off' },
  partly_paid: { pay_part: 'partly_paid', pay_rest: 'paid', fall_due: 'overdue', write_off: 'written_off' },
  overdue: { pay_part: 'overdue', pay_rest: 'paid', write_off: 'written_off' },
  paid: {},
  written_off: {},
});

/** Statuses in which the customer still owes money on the bill. */
export const OPEN_BILL_STATUSES: BillStatus[] = ['issued', 'partly_paid', 'overdue'];

/** The status after `amountVnd` more arrives on a bill of `totalVnd` of which `paidVnd` was paid. */
export function statusAfterPayment(b: { status: BillStatus; totalVnd: bigint; paidVnd: bigint }, amountVnd: bigint): BillStatus {
  return transition(BILL_MACHINE, b.status, b.paidVnd + amountVnd >= b.totalVnd ? 'pay_rest' : 'pay_part');
}
