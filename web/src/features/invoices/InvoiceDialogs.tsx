import { useState } from 'react';
import { Alert, Checkbox, Divider, Form, Input, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { TAX_CODE_RE, type InvoiceDetail } from '@contracts/invoicing';
import { useT, type Translate } from '../../i18n/index.tsx';
import { FormDialog } from '../../ui/FormDialog.tsx';
import { requiredRule } from '../../ui/rules.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import {
  buyerValues,
  correctedBuyer,
  invoiceNo,
  useCancelInvoice,
  useReplaceInvoice,
  useRetryInvoice,
  type BuyerValues,
} from './invoices.ts';

interface DialogProps {
  invoice: InvoiceDetail;
  onClose: () => void;
}

/**
 * Gửi lại: push a failed, waiting or needs-data invoice now, with the buyer corrected when that was
 * the problem, or taken from the customer's record once it has been corrected there.
 */
export function RetryDialog({ invoice, onClose }: DialogProps) {
  const t = useT();
  const retry = useRetryInvoice();
  const send = useSubmit(retry, t('invoices.retry.done'), onClose);
  const [fromCustomer, setFromCustomer] = useState(false);
  return (
    <FormDialog<BuyerValues>
      title={t('invoices.retry.title', { number: invoiceNo(invoice) })}
      okText={t('invoiceAction.retry')}
      cancelText={t('common.close')}
      width={560}
      onClose={onClose}
      loading={retry.isPending}
      initialValues={buyerValues(invoice.buyer)}
      onFinish={(v) =>
        send(fromCustomer ? { id: invoice.id, buyerFromCustomer: true } : { id: invoice.id, buyer: correctedBuyer(invoice.buyer, v) })
      }
    >
      {invoice.lastError && (
        <Alert
          type="error"
          showIcon
          title={t('invoices.lastError')}
          description={<span className="mono">{invoice.lastError}</span>}
          style={{ marginBottom: 16 }}
        />
      )}
      {invoice.status === 'needs_data' && (
        <Alert
          type="warning"
          showIcon
          title={t('invoices.needsDataAlert')}
          description={<ul style={{ margin: 0, paddingLeft: 18 }}>{(invoice.dataProblems ?? []).map((p) => <li key={p}>{p}</li>)}</ul>}
          style={{ marginBottom: 16 }}
        />
      )}
      <Typography.Paragraph type="secondary">{t('invoices.retry.hint')}</Typography.Paragraph>
      {invoice.customerId && (
        <Checkbox
          checked={fromCustomer}
          onChange={(e) => setFromCustomer(e.target.checked)}
          style={{ marginBottom: 12 }}
          data-testid="invoice-retry-from-customer"
        >
          {t('invoices.retry.fromCustomer')}
        </Checkbox>
      )}
      {!fromCustomer && <BuyerFields />}
    </FormDialog>
  );
}

/** Huỷ: withdraw a not-yet-issued invoice, or cancel an issued one at the provider. */
export function CancelDialog({ invoice, onClose }: DialogProps) {
  const t = useT();
  const cancel = useCancelInvoice();
  const send = useSubmit(cancel, t('invoices.cancel.done'), onClose);
  return (
    <FormDialog<{ reason: string }>
      title={t('invoices.cancel.title', { number: invoiceNo(invoice) })}
      okText={t('invoiceAction.cancel')}
      okDanger
      cancelText={t('common.close')}
      onClose={onClose}
      loading={cancel.isPending}
      onFinish={(v) => send({ id: invoice.id, reason: v.reason.trim() })}
    >
      <Alert
        type={invoice.status === 'issued' ? 'warning' : 'info'}
        showIcon
        title={t(invoice.status === 'issued' ? 'invoices.cancel.issuedHint' : 'invoices.cancel.pendingHint')}
        style={{ marginBottom: 16 }}
      />
      <ReasonField label={t('invoices.cancel.reason')} testId="invoice-cancel-reason" />
    </FormDialog>
  );
}

/** Lập hoá đơn thay thế: a new invoice with the corrected buyer, referring to this one; opens it when created. */
export function ReplaceDialog({ invoice, onClose }: DialogProps) {
  const t = useT();
  const navigate = useNavigate();
  const replace = useReplaceInvoice();
  const send = useSubmit(replace, t('invoices.replace.done'), (created) => {
    onClose();
    navigate(`/invoices/${created.id}`);
  });
  return (
    <FormDialog<BuyerValues & { reason: string }>
      title={t('invoices.replace.title', { number: invoiceNo(invoice) })}
      okText={t('invoiceAction.replace')}
      cancelText={t('common.close')}
      width={560}
      onClose={onClose}
      loading={replace.isPending}
      initialValues={buyerValues(invoice.buyer)}
      onFinish={({ reason, ...buyer }) => send({ id: invoice.id, buyer: correctedBuyer(invoice.buyer, buyer), reason: reason.trim() })}
    >
      <Typography.Paragraph type="secondary">{t('invoices.replace.hint')}</Typography.Paragraph>
      <BuyerFields />
      <ReasonField label={t('invoices.replace.reason')} testId="invoice-replace-reason" />
    </FormDialog>
  );
}

/** The buyer as printed; the same checks as the server (a tax code needs an address). */
function BuyerFields() {
  const t = useT();
  return (
    <>
      <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
        {t('invoices.buyerSection')}
      </Divider>
      <Form.Item name="name" label={t('invoices.buyerName')} rules={[requiredRule(t, t('invoices.buyerName')), { max: 400 }]}>
        <Input maxLength={400} data-testid="invoice-buyer-name" />
      </Form.Item>
      <Form.Item name="taxCode" label={t('invoices.taxCode')} rules={[{ pattern: TAX_CODE_RE, message: t('invoices.taxCodeInvalid') }]}>
        <Input maxLength={14} className="mono" data-testid="invoice-buyer-tax-code" />
      </Form.Item>
      <Form.Item name="address" label={t('invoices.buyerAddress')} dependencies={['taxCode']} rules={[addressRule(t), { max: 400 }]}>
        <Input.TextArea rows={2} maxLength={400} data-testid="invoice-buyer-address" />
      </Form.Item>
      <Form.Item name="email" label={t('invoices.buyerEmail')} rules={[{ type: 'email', message: t('common.invalidEmail') }, { max: 50 }]}>
        <Input maxLength={50} data-testid="invoice-buyer-email" />
      </Form.Item>
    </>
  );
}

const addressRule =
  (t: Translate) =>
  ({ getFieldValue }: { getFieldValue: (name: string) => unknown }) => ({
    validator: (_: unknown, v: string | undefined) =>
      String(getFieldValue('taxCode') ?? '').trim() && !v?.trim() ? Promise.reject(new Error(t('invoices.addressRequired'))) : Promise.resolve(),
  });

function ReasonField({ label, testId }: { label: string; testId: string }) {
  const t = useT();
  return (
    <Form.Item name="reason" label={label} rules={[requiredRule(t, label), { min: 3, message: t('common.minLength', { n: 3 }) }]}>
      <Input.TextArea rows={3} maxLength={255} showCount data-testid={testId} />
    </Form.Item>
  );
}
