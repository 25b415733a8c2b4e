import type { TicketDetail, TicketEventBody } from '@contracts/support';
import { useT } from '../../../i18n/index.tsx';
import { useSubmit } from '../../../ui/useSubmit.ts';
import { eventLabel, useTicketEvent } from '../tickets.ts';

/** Posts one event of the ticket's flow, then closes the dialog with a confirmation (or shows the server's error). */
type EventOf<E extends TicketEventBody['event']> = Extract<TicketEventBody, { event: E }>;

export function useRunEvent<E extends TicketEventBody['event']>(ticket: TicketDetail, event: E, onClose: () => void) {
  const t = useT();
  const mutation = useTicketEvent(ticket.id);
  const send = useSubmit(mutation, t('ticket.eventDone', { event: eventLabel(t, event) }), onClose);
  const run = (body: Omit<EventOf<E>, 'event'>) => send({ event, ...body } as EventOf<E>);
  return { run, loading: mutation.isPending };
}

/** Trimmed text, or undefined when blank (optional fields). */
export const optionalText = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);
