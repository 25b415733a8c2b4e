import { Alert, Form, Input, Radio, Select } from 'antd';
import { LEVELS, REQUEST_TYPES, ROUTES, stageOnRoute, type Level, type RequestType, type TicketDetail } from '@contracts/support';
import { useT } from '../../../i18n/index.tsx';
import { FormDialog } from '../../../ui/FormDialog.tsx';
import { requiredRule } from '../../../ui/rules.ts';
import { eventLabel, levelLabel, requestTypeLabel, stageLongLabel } from '../tickets.ts';
import { DialogHint } from './DialogHint.tsx';
import { useRunEvent } from './useRunEvent.ts';

interface Values {
  level: Level;
  requestType: RequestType;
  reason: string;
}

/** reclassify: a new level and/or request type, with a logged reason; the ticket may move to another unit. */
export function ReclassifyDialog({ ticket, onClose }: { ticket: TicketDetail; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const { run, loading } = useRunEvent(ticket, 'reclassify', onClose);
  const level = Form.useWatch('level', form) ?? ticket.level;
  const type = Form.useWatch('requestType', form) ?? ticket.requestType;
  const unchanged = level === ticket.level && type === ticket.requestType;
  const to = stageOnRoute(ROUTES[level], ticket.assigneeStage);

  return (
    <FormDialog<Values>
      form={form}
      title={`${eventLabel(t, 'reclassify')} — ${ticket.number}`}
      okText={eventLabel(t, 'reclassify')}
      okDisabled={unchanged}
      width={600}
      initialValues={{ level: ticket.level, requestType: ticket.requestType }}
      onClose={onClose}
      onFinish={(v) => run({ level: v.level, ...(v.requestType !== ticket.requestType ? { requestType: v.requestType } : {}), reason: v.reason.trim() })}
      loading={loading}
    >
      <DialogHint>{t('ticketHint.reclassify')}</DialogHint>
      <Form.Item name="level" label={t('dialog.newLevel')} extra={t(`levelDesc.${level}`)}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={LEVELS.map((l) => ({ value: l, label: <span data-testid={`dialog-level-${l}`}>{levelLabel(t, l)}</span> }))}
          data-testid="dialog-level"
        />
      </Form.Item>
      <Form.Item name="requestType" label={t('dialog.newType')}>
        <Select options={REQUEST_TYPES.map((r) => ({ value: r, label: requestTypeLabel(t, r) }))} data-testid="dialog-type" />
      </Form.Item>
      {unchanged ? (
        <Alert type="info" showIcon title={t('dialog.nothingChanged')} style={{ marginBottom: 16 }} />
      ) : (
        to !== ticket.assigneeStage && (
          <Alert type="warning" showIcon title={`→ ${stageLongLabel(t, to)}`} style={{ marginBottom: 16 }} data-testid="dialog-moves-to" />
        )
      )}
      <Form.Item name="reason" label={t('common.reason')} rules={[requiredRule(t, t('common.reason'))]}>
        <Input.TextArea rows={3} maxLength={2000} data-testid="dialog-reason" />
      </Form.Item>
    </FormDialog>
  );
}
