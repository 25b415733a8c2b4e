import { Form, Input } from 'antd';
import type { TicketDetail } from '@contracts/support';
import { useT } from '../../../i18n/index.tsx';
import { FormDialog } from '../../../ui/FormDialog.tsx';
import { requiredRule } from '../../../ui/rules.ts';
import { eventLabel } from '../tickets.ts';
import { DialogHint } from './DialogHint.tsx';
import { useRunEvent } from './useRunEvent.ts';

/** answer_at_intake (level 1 at the receiver) and resolve (the answering unit): the answer the customer receives. */
export function AnswerDialog({ ticket, event, onClose }: { ticket: TicketDetail; event: 'answer_at_intake' | 'resolve'; onClose: () => void }) {
  const t = useT();
  const { run, loading } = useRunEvent(ticket, event, onClose);
  return (
    <FormDialog<{ answer: string }>
      title={`${eventLabel(t, event)} — ${ticket.number}`}
      okText={eventLabel(t, event)}
      width={640}
      onClose={onClose}
      onFinish={({ answer }) => run({ answer: answer.trim() })}
      loading={loading}
    >
      <DialogHint>{t(`ticketHint.${event}`)}</DialogHint>
      <Form.Item name="answer" label={t('dialog.answer')} rules={[requiredRule(t, t('dialog.answer'))]}>
        <Input.TextArea rows={6} maxLength={5000} showCount autoFocus data-testid="dialog-answer" />
      </Form.Item>
    </FormDialog>
  );
}
