import { Form, Input } from 'antd';
import { nextOnRoute, ROUTES, type TicketDetail } from '@contracts/support';
import { useT } from '../../../i18n/index.tsx';
import { FormDialog } from '../../../ui/FormDialog.tsx';
import { requiredRule } from '../../../ui/rules.ts';
import { eventLabel, stageLongLabel } from '../tickets.ts';
import { DialogHint } from './DialogHint.tsx';
import { useRunEvent } from './useRunEvent.ts';

/** forward: the holding unit hands the ticket to the next stage of its level's route. */
export function ForwardDialog({ ticket, onClose }: { ticket: TicketDetail; onClose: () => void }) {
  const t = useT();
  const { run, loading } = useRunEvent(ticket, 'forward', onClose);
  const to = nextOnRoute(ROUTES[ticket.level], ticket.assigneeStage);
  return (
    <FormDialog<{ reason: string }>
      title={`${eventLabel(t, 'forward')} — ${ticket.number}`}
      okText={to ? `${eventLabel(t, 'forward')} → ${stageLongLabel(t, to)}` : eventLabel(t, 'forward')}
      onClose={onClose}
      onFinish={({ reason }) => run({ reason: reason.trim() })}
      loading={loading}
    >
      <DialogHint>{t('ticketHint.forward')}</DialogHint>
      <Form.Item name="reason" label={t('common.reason')} rules={[requiredRule(t, t('common.reason'))]}>
        <Input.TextArea rows={3} maxLength={2000} autoFocus data-testid="dialog-reason" />
      </Form.Item>
    </FormDialog>
  );
}
