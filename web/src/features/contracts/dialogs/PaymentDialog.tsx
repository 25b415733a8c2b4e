import { App, DatePicker, Form, Input, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { Amendment, ContractDetail } from '../../../api/types.ts';
import { useT } from '../../../i18n/index.tsx';
import { FormDialog } from '../../../ui/FormDialog.tsx';
import { DATE_FORMAT, isoDate, vnTodayDayjs } from '../../../ui/dates.ts';
import { formatMoney, vnDayStart } from '../../../ui/format.ts';
import { MoneyInput } from '../../../ui/MoneyInput.tsx';
import { requiredChoiceRule, requiredRule, requiredValueRule } from '../../../ui/rules.ts';
import { actionLabel, useContractAction } from '../contracts.ts';

interface Values {
  reference: string;
  amountVnd: string;
  paidAt: Dayjs;
}

/**
 * A payment received outside VNPay (bank transfer): for the contract, or for one appendix awaiting
 * payment. The amount is prefilled with what is due; the server refuses any other amount.
 */
export function PaymentDialog({ contract, amendment, onClose }: { contract: ContractDetail; amendment?: Amendment; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const run = useContractAction(contract.id, 'record_payment');
  const due = amendment ? (amendment.payableVnd ?? amendment.netVnd) : contract.totalVnd;

  const submit = (v: Values) =>
    run.mutate(
      {
        reference: v.reference.trim(),
        amountVnd: v.amountVnd,
        // Paid today: the server stamps the current time; an earlier day: the start of that day in Vietnam.
        ...(isoDate(v.paidAt) === isoDate(vnTodayDayjs())
          ? {}
          : { paidAt: vnDayStart(v.paidAt.year(), v.paidAt.month() + 1, v.paidAt.date()).toISOString() }),
        ...(amendment ? { amendmentId: amendment.id } : {}),
      },
      {
        onSuccess: () => {
          message.success(t('action.done', { action: actionLabel(t, 'record_payment') }));
          onClose();
        },
        onError: (e) => message.error(e.message),
      },
    );

  return (
    <FormDialog<Values>
      title={`${actionLabel(t, 'record_payment')} — ${contract.number}`}
      okText={actionLabel(t, 'record_payment')}
      onClose={onClose}
      onFinish={submit}
      loading={run.isPending}
      initialValues={{ amountVnd: due, paidAt: vnTodayDayjs() }}
    >
      <Typography.Paragraph type="secondary">
        {amendment ? t('payment.forAmendment', { amount: formatMoney(due) }) : t('payment.due', { amount: formatMoney(due) })}
      </Typography.Paragraph>
      <Form.Item name="reference" label={t('payment.reference')} rules={[requiredRule(t, t('payment.reference')), { min: 3, message: t('common.minLength', { n: 3 }) }]}>
        <Input maxLength={100} autoFocus data-testid="dialog-reference" />
      </Form.Item>
      <Form.Item name="amountVnd" label={t('payment.amount')} rules={[requiredValueRule(t, t('payment.amount'))]}>
        <MoneyInput data-testid="dialog-amount" />
      </Form.Item>
      <Form.Item name="paidAt" label={t('payment.paidAt')} rules={[requiredChoiceRule(t, t('payment.paidAt'))]}>
        <DatePicker format={DATE_FORMAT} disabledDate={(d) => d.isAfter(vnTodayDayjs(), 'day')} style={{ width: 200 }} />
      </Form.Item>
    </FormDialog>
  );
}
