import { defineMachine, eventsFrom } from '../../../platform/state-machine.ts';
import { INVOICE_ACTIONS, type InvoiceAction, type InvoiceStatus } from '../contract.ts';

/**
 * The e-invoice lifecycle (SPEC C1 step 5, C2 step 7, D4) as data. An invoice is requested as
 * `pending`, or `needs_data` when its buyer or lines cannot make a valid invoice.
 *
 *   needs_data ──retry──→ pending ──claim──→ issuing ──issued──→ issued
 *   pending | issuing ──lack_data──→ needs_data;  issuing ──retry_later──→ pending | ──give_up──→ failed ──retry──→ pending
 *   issued ──cancel──→ cancelling ──cancel_done──→ cancelled | ──cancel_failed──→ issued
 *   needs_data | pending | failed ──cancel──→ cancelled (withdrawn before issue)
 *   issued ──replace──→ replaced (once its replacement issues); the provider may also answer a look-up with
 *   an invoice already cancelled or replaced there (issued_cancelled, issued_replaced).
 */
// The statuses and the officer's actions are data of the contract (the web lists them too).
export { INVOICE_ACTIONS, INVOICE_STATUSES, type InvoiceAction, type InvoiceStatus } from '../contract.ts';

export type InvoiceEvent =
  | 'claim'
  | 'lack_data'
  | 'issued'
  | 'issued_cancelled'
  | 'issued_replaced'
  | 'retry_later'
  | 'give_up'
  | 'retry'
  | 'cancel'
  | 'cancel_done'
  | 'cancel_failed'
  | 'replace';

export const INVOICE_MACHINE = defineMachine<InvoiceStatus, InvoiceEvent>({
  needs_data: { retry: 'pending', cancel: 'cancelled' },
  pending: { claim: 'issuing', lack_data: 'needs_data', retry: 'pending', cancel: 'cancelled' },
  // A push that died before recording its answer leaves `issuing`: the next one claims it again.
  issuing: {
    claim: 'issuing',
    lack_data: 'needs_data',
    issued: 'issued',
    issued_cancelled: 'cancelled',
    issued_replaced: 'replaced',
    retry_later: 'pending',
    give_up: 'failed',
  },
  issued: { cancel: 'cancelling', replace: 'replaced' },
  cancelling: { cancel_done: 'cancelled', cancel_failed: 'issued' },
  failed: { retry: 'pending', cancel: 'cancelled' },
  cancelled: {},
  replaced: {},
});

/** The event recording what the provider answered (an invoice found by look-up may be cancelled or replaced there). */
export const issuedEvent = (providerStatus: 'issued' | 'cancelled' | 'replaced'): InvoiceEvent =>
  providerStatus === 'issued' ? 'issued' : providerStatus === 'cancelled' ? 'issued_cancelled' : 'issued_replaced';


/** What an invoice officer may do now (the buttons a screen shows). */
export function officerActions(status: InvoiceStatus): InvoiceAction[] {
  const allowed = eventsFrom(INVOICE_MACHINE, status);
  return INVOICE_ACTIONS.filter((a) => allowed.includes(a));
}
