import type { TicketDetail } from '../../../api/types.ts';
import { useT } from '../../../i18n/index.tsx';
import { useSubmit } from '../../../ui/useSubmit.ts';
import { eventLabel, useTicketEvent, type TicketEventBody } from '../tickets.ts';

/** Posts one event of the ticket's flow, then closes the dialog with a confirmation (or shows the server's error). */
export function useRunEvent(ticket: TicketDetail, event: TicketEventBody['event'], onClose: () => void) {
  const t = useT();
  const mutation = useTicketEvent(ticket.id);
  const send = useSubmit(mutation, t('ticket.eventDone', { event: eventLabel(t, event) }), onClose);
  const run = (body: Omit<TicketEventBody, 'event'> = {}) => send({ event, ...body });
  return { run, loading: mutation.isPending };
}

/** Trimmed text, or undefined when blank (optional fields). */
export const optionalText = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);
