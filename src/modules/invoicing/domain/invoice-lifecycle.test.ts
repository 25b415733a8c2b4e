import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.ts';
import { canTransition, transition } from '../../../platform/state-machine.ts';
import { INVOICE_MACHINE, INVOICE_STATUSES, issuedEvent, officerActions } from './invoice-lifecycle.ts';

describe('invoice lifecycle', () => {
  it('a push: claimed, then issued, back to pending to retry, or failed after the last attempt', () => {
    expect(transition(INVOICE_MACHINE, 'pending', 'claim')).toBe('issuing');
    expect(transition(INVOICE_MACHINE, 'issuing', 'claim')).toBe('issuing');
    expect(transition(INVOICE_MACHINE, 'issuing', issuedEvent('issued'))).toBe('issued');
    expect(transition(INVOICE_MACHINE, 'issuing', issuedEvent('cancelled'))).toBe('cancelled');
    expect(transition(INVOICE_MACHINE, 'issuing', 'retry_later')).toBe('pending');
    expect(transition(INVOICE_MACHINE, 'issuing', 'give_up')).toBe('failed');
    expect(transition(INVOICE_MACHINE, 'pending', 'lack_data')).toBe('needs_data');
    for (const s of ['needs_data', 'issued', 'failed', 'cancelled', 'cancelling', 'replaced'] as const) {
      expect(canTransition(INVOICE_MACHINE, s, 'claim'), s).toBe(false);
    }
  });

  it('cancel withdraws an invoice not yet issued, and asks the provider for an issued one', () => {
    for (const s of ['needs_data', 'pending', 'failed'] as const) expect(transition(INVOICE_MACHINE, s, 'cancel')).toBe('cancelled');
    expect(transition(INVOICE_MACHINE, 'issued', 'cancel')).toBe('cancelling');
    expect(transition(INVOICE_MACHINE, 'cancelling', 'cancel_done')).toBe('cancelled');
    expect(transition(INVOICE_MACHINE, 'cancelling', 'cancel_failed')).toBe('issued');
  });

  it('refuses what the table does not have with INVALID_TRANSITION', () => {
    for (const [from, event] of [['issuing', 'cancel'], ['replaced', 'cancel'], ['issued', 'retry'], ['pending', 'replace']] as const) {
      const err = (() => {
        try {
          transition(INVOICE_MACHINE, from, event);
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ code: 'INVALID_TRANSITION', details: { from, event } });
    }
  });

  it('offers the officer only what the status allows', () => {
    expect(Object.fromEntries(INVOICE_STATUSES.map((s) => [s, officerActions(s)]))).toEqual({
      needs_data: ['retry', 'cancel'],
      pending: ['retry', 'cancel'],
      issuing: [],
      issued: ['cancel', 'replace'],
      cancelling: [],
      failed: ['retry', 'cancel'],
      cancelled: [],
      replaced: [],
    });
  });
});
