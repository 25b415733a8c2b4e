import { Alert, DatePicker, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import type { TicketDetail } from '@contracts/support';
import { useT } from '../../../i18n/index.tsx';
import { DATE_TIME_FORMAT, vnInstant, vnTodayDayjs } from '../../../ui/dates.ts';
import { FormDialog } from '../../../ui/FormDialog.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { requiredRule } from '../../../ui/rules.ts';
import { eventLabel } from '../tickets.ts';
import { DialogHint } from './DialogHint.tsx';
import { useRunEvent } from './useRunEvent.ts';

interface Values {
  note: string;
  expectedCompletionAt?: Dayjs | null;
}

/**
 * update_progress: a note and, when known, the expected completion time (Vietnam time). Past the
 * total limit TT CNTT must give that time (F4): the server says so in `progressRequired`.
 */
export function ProgressDialog({ ticket, onClose }: { ticket: TicketDetail; onClose: () => void }) {
  const t = useT();
  const { run, loading } = useRunEvent(ticket, 'update_progress', onClose);
  const required = ticket.progressRequired.required;
  const reason = ticket.progressRequired.reason;
  return (
    <FormDialog<Values>
      title={`${eventLabel(t, 'update_progress')} — ${ticket.number}`}
      okText={eventLabel(t, 'update_progress')}
      width={600}
      onClose={onClose}
      onFinish={(v) => run({ note: v.note.trim(), ...(v.expectedCompletionAt ? { expectedCompletionAt: vnInstant(v.expectedCompletionAt) } : {}) })}
      loading={loading}
    >
      <DialogHint>{t('ticketHint.update_progress')}</DialogHint>
      {required && (
        <Alert
          type="warning"
          showIcon
          title={t('dialog.expectedRequired')}
          description={reason && ticket.progressRequired.since ? t(`progressReason.${reason}`, { since: formatDateTime(ticket.progressRequired.since) }) : undefined}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form.Item name="note" label={t('dialog.note')} rules={[requiredRule(t, t('dialog.note'))]}>
        <Input.TextArea rows={4} maxLength={2000} autoFocus data-testid="dialog-note" />
      </Form.Item>
      <Form.Item
        name="expectedCompletionAt"
        label={t('dialog.expected')}
        extra="UTC+7"
        rules={[
          { required, message: t('dialog.expectedRequired') },
          {
            validator: (_, v: Dayjs | null | undefined) =>
              !v || Date.parse(vnInstant(v)) > Date.now() ? Promise.resolve() : Promise.reject(new Error(t('dialog.expectedFuture'))),
          },
        ]}
      >
        <DatePicker
          showTime={{ format: 'HH:mm', minuteStep: 5 }}
          format={DATE_TIME_FORMAT}
          disabledDate={(d) => d.isBefore(vnTodayDayjs(), 'day')}
          style={{ width: '100%' }}
          data-testid="dialog-expected"
        />
      </Form.Item>
    </FormDialog>
  );
}
