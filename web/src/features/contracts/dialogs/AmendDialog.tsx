import { Alert, Descriptions, Form, Input, Radio, Spin } from 'antd';
import type { Dayjs } from 'dayjs';
import type { AmendmentKind, ContractDetail } from '@contracts/contracts';
import { useT } from '../../../i18n/index.tsx';
import { isoDate, vnTodayDayjs } from '../../../ui/dates.ts';
import { FormDialog } from '../../../ui/FormDialog.tsx';
import { formatNumber } from '../../../ui/format.ts';
import { Money } from '../../../ui/Money.tsx';
import { CountInput } from '../../../ui/MoneyInput.tsx';
import { requiredChoiceRule, requiredValueRule } from '../../../ui/rules.ts';
import { useDebounced } from '../../../ui/useDebounced.ts';
import { useSubmit } from '../../../ui/useSubmit.ts';
import { actionLabel, useAmendmentPreview, useContractAction, type AmendmentBody } from '../contracts.ts';
import { TermDayPicker } from './TermDayPicker.tsx';

interface Values {
  kind: AmendmentKind;
  quantity?: number;
  changeDate: Dayjs;
  note?: string;
}

const KINDS: AmendmentKind[] = ['upgrade', 'add_package', 'adjust'];

/**
 * A contract appendix (C6): upgrade to a new total quantity, add packages, or adjust the service.
 * The server's proration (credit of the unused part, charge of the new package) shows before confirming.
 */
export function AmendDialog({ contract, onClose }: { contract: ContractDetail; onClose: () => void }) {
  const t = useT();
  const run = useContractAction(contract.id, 'amend');
  const send = useSubmit(run, t('action.done', { action: actionLabel(t, 'amend') }), onClose);
  const [form] = Form.useForm<Values>();
  const kind: AmendmentKind | undefined = Form.useWatch('kind', form);
  const quantity: number | undefined = Form.useWatch('quantity', form);
  const changeDate: Dayjs | undefined = Form.useWatch('changeDate', form);
  const today = vnTodayDayjs();

  const body: AmendmentBody | null =
    kind && changeDate && quantity && quantity > 0 ? { kind, quantity, changeDate: isoDate(changeDate) } : null;
  const asked = useDebounced(body);
  const preview = useAmendmentPreview(contract.id, asked);
  const p = preview.data;
  const s = preview.data?.settlement;
  // Confirm only what was previewed: the preview must answer the values now in the form.
  const current = JSON.stringify(asked) === JSON.stringify(body) && !preview.isPlaceholderData && !preview.isFetching;

  const submit = (v: Values) =>
    send({ kind: v.kind, quantity: v.quantity, changeDate: isoDate(v.changeDate), ...(v.note?.trim() ? { note: v.note.trim() } : {}) });

  return (
    <FormDialog<Values>
      form={form}
      width={620}
      title={`${actionLabel(t, 'amend')} — ${contract.number}`}
      okText={actionLabel(t, 'amend')}
      okDisabled={!preview.data || !!preview.error || !current}
      onClose={onClose}
      onFinish={submit}
      loading={run.isPending}
      initialValues={{ kind: 'upgrade', quantity: contract.quantity + 1, changeDate: today }}
      onValuesChange={(changed) => {
        if (!changed.kind) return;
        form.setFieldValue('quantity', changed.kind === 'add_package' ? 1 : changed.kind === 'upgrade' ? contract.quantity + 1 : contract.quantity);
      }}
    >
      <Form.Item name="kind" label={t('amendment.kind')}>
        <Radio.Group optionType="button" options={KINDS.map((k) => ({ value: k, label: t(`amendKind.${k}`) }))} data-testid="dialog-kind" />
      </Form.Item>
      <Form.Item
        name="quantity"
        label={kind === 'add_package' ? t('amendment.addQuantity') : t('amendment.newQuantity')}
        extra={t('amendment.currentQuantity', { n: formatNumber(contract.quantity) })}
        rules={[requiredValueRule(t, t('contract.quantity'))]}
      >
        <CountInput data-testid="dialog-quantity" />
      </Form.Item>
      <Form.Item name="changeDate" label={t('amendment.changeDate')} rules={[requiredChoiceRule(t, t('amendment.changeDate'))]}>
        <TermDayPicker endDate={contract.endDate} />
      </Form.Item>
      {preview.error && <Alert type="error" showIcon title={preview.error.message} style={{ marginBottom: 16 }} />}
      {preview.isFetching && !preview.data && <Spin />}
      {p && !preview.error && (
        <Spin spinning={preview.isFetching} delay={200}>
          <Descriptions
            bordered
            size="small"
            column={1}
            title={t('amendment.preview')}
            style={{ marginBottom: 16 }}
            data-testid="amendment-preview"
            items={[
              {
                key: 'qty',
                label: t('contract.quantity'),
                children: `${formatNumber(p.fromQuantity ?? contract.quantity)} → ${formatNumber(p.quantity)}`,
              },
              ...(s
                ? [{ key: 'days', label: t('amendment.remainingDays'), children: t('amendment.days', { remaining: s.remainingDays, total: s.totalDays }) }]
                : []),
              { key: 'credit', label: t('amendment.credit'), children: <Money value={p.creditVnd} /> },
              { key: 'charge', label: t('amendment.charge'), children: <Money value={p.chargeVnd} /> },
              { key: 'net', label: t('amendment.net'), children: <Money value={p.netVnd} /> },
              ...(p.payableVnd !== undefined
                ? [{ key: 'payable', label: <strong>{t('amendment.payable')}</strong>, children: <strong><Money value={p.payableVnd} /></strong> }]
                : []),
            ]}
          />
        </Spin>
      )}
      <Form.Item name="note" label={t('contract.note')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </FormDialog>
  );
}
