import { Form, Input } from 'antd';
import type { TicketDetail } from '@contracts/support';
import { useT, type MessageKey } from '../../../i18n/index.tsx';
import { FormDialog } from '../../../ui/FormDialog.tsx';
import { requiredRule } from '../../../ui/rules.ts';
import { eventLabel } from '../tickets.ts';
import { DialogHint } from './DialogHint.tsx';
import { optionalText, useRunEvent } from './useRunEvent.ts';

type TextEvent = 'request_info' | 'customer_replied' | 'review_satisfied' | 'review_not_satisfied';

/** The one text field each of these events carries, and whether it is required. */
const FIELDS: Record<TextEvent, { field: 'question' | 'message' | 'comment'; label: MessageKey; required: boolean }> = {
  request_info: { field: 'question', label: 'dialog.question', required: true },
  customer_replied: { field: 'message', label: 'dialog.message', required: false },
  review_satisfied: { field: 'comment', label: 'dialog.comment', required: false },
  review_not_satisfied: { field: 'comment', label: 'dialog.comment', required: false },
};

/**
 * request_info (the question to the customer; the clocks pause), customer_replied (what the customer
 * sent by phone or e-mail; the clocks resume), and a review given by phone (satisfied / not satisfied).
 */
export function TextEventDialog({ ticket, event, onClose }: { ticket: TicketDetail; event: TextEvent; onClose: () => void }) {
  const t = useT();
  const { run, loading } = useRunEvent(ticket, event, onClose);
  const { field, label, required } = FIELDS[event];
  return (
    <FormDialog<Record<string, string | undefined>>
      title={`${eventLabel(t, event)} — ${ticket.number}`}
      okText={eventLabel(t, event)}
      okDanger={event === 'review_not_satisfied'}
      width={600}
      onClose={onClose}
      onFinish={(v) => run({ [field]: optionalText(v[field]) })}
      loading={loading}
    >
      <DialogHint>{t(`ticketHint.${event}`)}</DialogHint>
      <Form.Item name={field} label={t(label)} rules={required ? [requiredRule(t, t(label))] : []}>
        <Input.TextArea rows={4} maxLength={2000} autoFocus data-testid={`dialog-${field}`} />
      </Form.Item>
    </FormDialog>
  );
}
