import { useMutation } from '@tanstack/react-query';
import { Form, Input, Typography } from 'antd';
import type { PublicOrder, VatBody } from '@contracts/billpay';
import { api } from '../../api/client.ts';
import { useT } from '../../i18n/index.tsx';
import { FormDialog } from '../../ui/FormDialog.tsx';
import { requiredRule } from '../../ui/rules.ts';
import { useSubmit } from '../../ui/useSubmit.ts';

type Values = Omit<VatBody, 'msisdn'>;

/** E11 on the result page: the VAT invoice of a cleared transaction, printed and mailed by the regional center. */
export function VatInvoiceDialog({ order, onClose }: { order: PublicOrder; onClose: () => void }) {
  const t = useT();
  const ask = useMutation({ mutationFn: (v: Values) => api.post(`/api/v1/billpay/orders/${encodeURIComponent(order.orderId)}/vat-invoice`, { ...v, msisdn: order.msisdn }) });
  const send = useSubmit(ask, t('billpay.vatDone'), onClose);
  return (
    <FormDialog<Values>
      title={t('billpay.vatTitle')}
      okText={t('billpay.vatSubmit')}
      onClose={onClose}
      loading={ask.isPending}
      onFinish={(v) => send({ buyerName: v.buyerName.trim(), address: v.address.trim(), ...(v.taxCode?.trim() ? { taxCode: v.taxCode.trim() } : {}), ...(v.email?.trim() ? { email: v.email.trim() } : {}) })}
    >
      <Typography.Paragraph type="secondary">{t('billpay.vatHint')}</Typography.Paragraph>
      <Form.Item name="buyerName" label={t('billpay.vatBuyer')} rules={[requiredRule(t, t('billpay.vatBuyer'))]}>
        <Input maxLength={200} data-testid="billpay-vat-buyer" />
      </Form.Item>
      <Form.Item name="taxCode" label={t('billpay.vatTaxCode')} rules={[{ pattern: /^\d{10}(-\d{3})?$/, message: t('billpay.vatTaxCodeFormat') }]}>
        <Input maxLength={14} inputMode="numeric" />
      </Form.Item>
      <Form.Item name="address" label={t('billpay.vatAddress')} rules={[requiredRule(t, t('billpay.vatAddress')), { min: 5, message: t('common.minLength', { n: 5 }) }]}>
        <Input.TextArea rows={2} maxLength={500} data-testid="billpay-vat-address" />
      </Form.Item>
      <Form.Item name="email" label={t('billpay.email')} rules={[{ type: 'email' }]}>
        <Input maxLength={200} inputMode="email" />
      </Form.Item>
    </FormDialog>
  );
}
