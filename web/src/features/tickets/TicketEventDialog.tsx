import type { TicketDetail, TicketEvent } from '@contracts/support';
import { AnswerDialog } from './dialogs/AnswerDialog.tsx';
import { ForwardDialog } from './dialogs/ForwardDialog.tsx';
import { ProgressDialog } from './dialogs/ProgressDialog.tsx';
import { ReclassifyDialog } from './dialogs/ReclassifyDialog.tsx';
import { TextEventDialog } from './dialogs/TextEventDialog.tsx';

/** The dialog of one event of the ticket flow (only events in `allowedEvents` are offered). */
export function TicketEventDialog({ ticket, event, onClose }: { ticket: TicketDetail; event: TicketEvent; onClose: () => void }) {
  switch (event) {
    case 'answer_at_intake':
    case 'resolve':
      return <AnswerDialog ticket={ticket} event={event} onClose={onClose} />;
    case 'forward':
      return <ForwardDialog ticket={ticket} onClose={onClose} />;
    case 'reclassify':
      return <ReclassifyDialog ticket={ticket} onClose={onClose} />;
    case 'update_progress':
      return <ProgressDialog ticket={ticket} onClose={onClose} />;
    case 'request_info':
    case 'customer_replied':
    case 'review_satisfied':
    case 'review_not_satisfied':
      return <TextEventDialog ticket={ticket} event={event} onClose={onClose} />;
    default:
      return null;
  }
}
