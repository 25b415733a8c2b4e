import { Form, Input, Typography } from 'antd';
import type { DeskOrder } from '@contracts/billpay';
import { useT } from '../../i18n/index.tsx';
import { FormDialog } from '../../ui/FormDialog.tsx';
import { formatMoney } from '../../ui/format.ts';
import { requiredRule } from '../../ui/rules.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import { useFraudCancel, useManualClear } from './billpay.ts';

type Order = Pick<DeskOrder, 'id' | 'msisdn' | 'amountVnd'>;

/** E6: clearing by hand once the payment is confirmed (the posting is sent by a job). */
export function ClearDialog({ order, onClose }: { order: Order; onClose: () => void }) {
  const t = useT();
  const clear = useManualClear();
  const send = useSubmit(clear, t('billpayDesk.clearSent'), onClose);
  return (
    <FormDialog<{ note: string }>
      title={t('billpayDesk.clearTitle', { msisdn: order.msisdn })}
      okText={t('billpayDesk.clear')}
      onClose={onClose}
      loading={clear.isPending}
      onFinish={(v) => send({ id: order.id, note: v.note.trim() })}
    >
      <Typography.Paragraph type="secondary">
        {formatMoney(order.amountVnd)} · {t('billpayDesk.clearHint')}
      </Typography.Paragraph>
      <Form.Item name="note" label={t('billpayDesk.note')} rules={[requiredRule(t, t('billpayDesk.note')), { min: 3, message: t('common.minLength', { n: 3 }) }]}>
        <Input.TextArea rows={3} maxLength={500} showCount data-testid="billpay-clear-note" />
      </Form.Item>
    </FormDialog>
  );
}

/** E7: cancelling an approved transaction found fraudulent. */
export function FraudCancelDialog({ order, onClose }: { order: Order; onClose: () => void }) {
  const t = useT();
  const cancel = useFraudCancel();
  const send = useSubmit(cancel, t('billpayDesk.fraudDone'), onClose);
  return (
    <FormDialog<{ reason: string }>
      title={t('billpayDesk.fraudTitle', { msisdn: order.msisdn })}
      okText={t('billpayDesk.fraud')}
      okDanger
      cancelText={t('common.close')}
      onClose={onClose}
      loading={cancel.isPending}
      onFinish={(v) => send({ id: order.id, reason: v.reason.trim() })}
    >
      <Typography.Paragraph type="secondary">
        {formatMoney(order.amountVnd)} · {t('billpayDesk.fraudHint')}
      </Typography.Paragraph>
      <Form.Item name="reason" label={t('billpayDesk.reason')} rules={[requiredRule(t, t('billpayDesk.reason')), { min: 3, message: t('common.minLength', { n: 3 }) }]}>
        <Input.TextArea rows={3} maxLength={500} showCount data-testid="billpay-fraud-reason" />
      </Form.Item>
    </FormDialog>
  );
}
