import { Alert, Descriptions, Form, Input, Spin } from 'antd';
import type { Dayjs } from 'dayjs';
import type { ContractDetail } from '@contracts/contracts';
import { useT } from '../../../i18n/index.tsx';
import { isoDate, vnTodayDayjs } from '../../../ui/dates.ts';
import { FormDialog } from '../../../ui/FormDialog.tsx';
import { Money } from '../../../ui/Money.tsx';
import { requiredChoiceRule, requiredRule } from '../../../ui/rules.ts';
import { useSubmit } from '../../../ui/useSubmit.ts';
import { monthsLabel } from '../../catalog/catalog.ts';
import { actionLabel, useContractAction, useTerminationQuote } from '../contracts.ts';
import { TermDayPicker } from './TermDayPicker.tsx';

interface Values {
  date: Dayjs;
  reason: string;
}

/** Early termination (C7): pick the last day of service, see the settlement, then confirm with a reason. */
export function TerminateDialog({ contract, onClose }: { contract: ContractDetail; onClose: () => void }) {
  const t = useT();
  const run = useContractAction(contract.id, 'terminate');
  const send = useSubmit(run, t('action.done', { action: actionLabel(t, 'terminate') }), onClose);
  const [form] = Form.useForm<Values>();
  const date: Dayjs | undefined = Form.useWatch('date', form);
  const preview = useTerminationQuote(contract.id, date ? isoDate(date) : null);
  const today = vnTodayDayjs();

  const submit = (v: Values) => send({ date: isoDate(v.date), reason: v.reason.trim() });

  return (
    <FormDialog<Values>
      form={form}
      width={600}
      title={`${actionLabel(t, 'terminate')} — ${contract.number}`}
      okText={actionLabel(t, 'terminate')}
      okDanger
      okDisabled={!preview.data}
      onClose={onClose}
      onFinish={submit}
      loading={run.isPending}
      initialValues={{ date: today }}
    >
      <Form.Item name="date" label={t('terminate.date')} extra={t('terminate.dateHint')} rules={[requiredChoiceRule(t, t('terminate.date'))]}>
        <TermDayPicker endDate={contract.endDate} />
      </Form.Item>
      {preview.error && <Alert type="error" showIcon title={preview.error.message} style={{ marginBottom: 16 }} />}
      {preview.isFetching && !preview.data && <Spin />}
      {preview.data && (
        <div data-testid="termination-preview" style={{ marginBottom: 16 }}>
          <Descriptions
            bordered
            size="small"
            column={1}
            title={t('terminate.settlement')}
            items={[
              { key: 'paid', label: t('terminate.paid'), children: <Money value={contract.subtotalVnd} /> },
              { key: 'used', label: t('terminate.usedMonths'), children: monthsLabel(t, preview.data.usedMonths) },
              { key: 'repriced', label: t('terminate.repriced'), children: monthsLabel(t, preview.data.repricedPeriodMonths) },
              { key: 'value', label: t('terminate.usedValue'), children: <Money value={preview.data.usedValueVnd} /> },
              {
                key: 'refund',
                label: <strong>{t('terminate.refund')}</strong>,
                children: (
                  <strong data-testid="termination-refund">
                    <Money value={preview.data.refundVnd} />
                  </strong>
                ),
              },
            ]}
          />
          <Alert type="info" title={preview.data.explanation} style={{ marginTop: 8 }} />
        </div>
      )}
      <Form.Item name="reason" label={t('common.reason')} rules={[requiredRule(t, t('common.reason')), { min: 3, message: t('common.minLength', { n: 3 }) }]}>
        <Input.TextArea rows={2} maxLength={1000} data-testid="dialog-reason" />
      </Form.Item>
    </FormDialog>
  );
}
