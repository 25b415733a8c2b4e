import { DatePicker, Form, Input, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useT } from '../../i18n/index.tsx';
import { FormDialog } from '../../ui/FormDialog.tsx';
import { DATE_FORMAT, isoDate, vnDayStart, vnTodayDayjs } from '../../ui/dates.ts';
import { formatMoney } from '../../ui/format.ts';
import { MoneyInput } from '../../ui/MoneyInput.tsx';
import { requiredChoiceRule, requiredRule, requiredValueRule } from '../../ui/rules.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import { useRecordManualPayment } from './payments.ts';

interface Values {
  bankRef: string;
  amountVnd: string;
  paidAt: Dayjs;
  note?: string;
}

/**
 * A bank transfer received for a contract (or one appendix, or a postpaid bill), recorded by an
 * accountant: it goes into the payments ledger and gets its e-invoice like a VNPay payment. The amount
 * is prefilled with what is due; for a contract the server refuses any other amount, a bill takes any
 * part of what it still owes (its one e-invoice follows when it is paid in full).
 */
export function ManualPaymentDialog({ contractId, contractNumber, amendmentId, billId, dueVnd, onClose }: {
  contractId: string;
  contractNumber: string;
  amendmentId?: string;
  billId?: string;
  dueVnd: string;
  onClose: () => void;
}) {
  const t = useT();
  const record = useRecordManualPayment();
  const done = (amountVnd: string) => {
    const part = !!billId && BigInt(amountVnd) < BigInt(dueVnd);
    return t(part ? 'manualPayment.doneBillPart' : 'manualPayment.done', { amount: formatMoney(amountVnd) });
  };
  const send = useSubmit(record, (_, body) => done(body.amountVnd), onClose);

  const submit = (v: Values) =>
    send({
      contractId,
      ...(amendmentId ? { amendmentId } : {}),
      ...(billId ? { billId } : {}),
      bankRef: v.bankRef.trim(),
      amountVnd: v.amountVnd,
      // Paid today: the server stamps the current time; an earlier day: the start of that day in Vietnam.
      ...(isoDate(v.paidAt) === isoDate(vnTodayDayjs()) ? {} : { paidAt: vnDayStart(v.paidAt) }),
      ...(v.note?.trim() ? { note: v.note.trim() } : {}),
    });

  return (
    <FormDialog<Values>
      title={`${t('manualPayment.title')} — ${contractNumber}`}
      okText={t('manualPayment.submit')}
      onClose={onClose}
      onFinish={submit}
      loading={record.isPending}
      initialValues={{ amountVnd: dueVnd, paidAt: vnTodayDayjs() }}
    >
      <Typography.Paragraph type="secondary">
        {t(billId ? 'manualPayment.billDue' : amendmentId ? 'payment.forAmendment' : 'payment.due', { amount: formatMoney(dueVnd) })}
      </Typography.Paragraph>
      <Form.Item
        name="bankRef"
        label={t('manualPayment.bankRef')}
        rules={[requiredRule(t, t('manualPayment.bankRef')), { min: 3, message: t('common.minLength', { n: 3 }) }]}
      >
        <Input maxLength={100} autoFocus data-testid="dialog-reference" />
      </Form.Item>
      <Form.Item name="amountVnd" label={t('payment.amount')} rules={[requiredValueRule(t, t('payment.amount'))]}>
        <MoneyInput data-testid="dialog-amount" />
      </Form.Item>
      <Form.Item name="paidAt" label={t('payment.paidAt')} rules={[requiredChoiceRule(t, t('payment.paidAt'))]}>
        <DatePicker format={DATE_FORMAT} disabledDate={(d) => d.isAfter(vnTodayDayjs(), 'day')} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="note" label={t('manualPayment.note')}>
        <Input.TextArea rows={2} maxLength={1000} data-testid="dialog-note" />
      </Form.Item>
    </FormDialog>
  );
}
