import { Form, Input, Typography } from 'antd';
import type { Payment } from '@contracts/payments';
import { useT } from '../../i18n/index.tsx';
import { FormDialog } from '../../ui/FormDialog.tsx';
import { formatMoney } from '../../ui/format.ts';
import { MoneyInput } from '../../ui/MoneyInput.tsx';
import { requiredRule, requiredValueRule } from '../../ui/rules.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import { refundable, useRefund } from './payments.ts';

interface Values {
  amountVnd: string;
  reason: string;
}

/** Refund through VNPay, full or partial (admin): the amount starts at what can still be refunded. */
export function RefundDialog({ payment, onClose }: { payment: Payment; onClose: () => void }) {
  const t = useT();
  const refund = useRefund();
  const send = useSubmit(refund, (_, body) => t('refund.requested', { amount: formatMoney(body.amountVnd) }), onClose);
  const max = refundable(payment);

  return (
    <FormDialog<Values>
      title={t('refund.title', { txnRef: payment.paidTxnRef ?? payment.id })}
      okText={t('refund.submit')}
      okDanger
      onClose={onClose}
      loading={refund.isPending}
      initialValues={{ amountVnd: max }}
      onFinish={(v) =>
        send({ id: payment.id, amountVnd: v.amountVnd, reason: v.reason.trim() })
      }
    >
      <Typography.Paragraph type="secondary">
        {payment.description} · {t('refund.refundable', { amount: formatMoney(max) })}
      </Typography.Paragraph>
      <Form.Item
        name="amountVnd"
        label={t('refund.amount')}
        rules={[
          requiredValueRule(t, t('refund.amount')),
          {
            validator: (_, v: string | null) =>
              !v || (BigInt(v) > 0n && BigInt(v) <= BigInt(max))
                ? Promise.resolve()
                : Promise.reject(new Error(t('refund.amountRange', { max: formatMoney(max) }))),
          },
        ]}
      >
        <MoneyInput data-testid="refund-amount" />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('refund.reason')}
        rules={[requiredRule(t, t('refund.reason')), { min: 5, message: t('common.minLength', { n: 5 }) }]}
      >
        <Input.TextArea rows={3} maxLength={1000} showCount data-testid="refund-reason" />
      </Form.Item>
    </FormDialog>
  );
}
