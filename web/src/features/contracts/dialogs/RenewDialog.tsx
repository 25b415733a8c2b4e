import { Form, Radio, Typography } from 'antd';
import { useNavigate } from 'react-router';
import type { ContractDetail } from '@contracts/contracts';
import { useT } from '../../../i18n/index.tsx';
import { FormDialog } from '../../../ui/FormDialog.tsx';
import { formatDate } from '../../../ui/format.ts';
import { CountInput } from '../../../ui/MoneyInput.tsx';
import { requiredValueRule } from '../../../ui/rules.ts';
import { useSubmit } from '../../../ui/useSubmit.ts';
import { modelPeriods, monthsLabel } from '../../catalog/catalog.ts';
import { useContractAction } from '../contracts.ts';

interface Values {
  quantity: number;
  periodMonths?: number;
}

/** Renewal (C5): a new contract at today's price list, following this one; opens the new contract. */
export function RenewDialog({ contract, onClose }: { contract: ContractDetail; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const run = useContractAction(contract.id, 'renew');
  const send = useSubmit(run, (renewal) => t('renew.created', { number: renewal.number }), (renewal) => {
    onClose();
    navigate(`/contracts/${renewal.id}`);
  });
  const periods = modelPeriods(contract.priceModel);

  const submit = (v: Values) => send({ quantity: v.quantity, ...(periods.length > 1 && v.periodMonths ? { periodMonths: v.periodMonths } : {}) });

  return (
    <FormDialog<Values>
      title={`${t('action.renew')} — ${contract.number}`}
      okText={t('action.renew')}
      onClose={onClose}
      onFinish={submit}
      loading={run.isPending}
      initialValues={{ quantity: contract.quantity, periodMonths: contract.periodMonths }}
    >
      <Typography.Paragraph type="secondary">{t('renew.hint', { end: formatDate(contract.endDate) })}</Typography.Paragraph>
      <Form.Item name="quantity" label={t('contract.quantity')} rules={[requiredValueRule(t, t('contract.quantity'))]}>
        <CountInput data-testid="dialog-quantity" />
      </Form.Item>
      {periods.length > 1 && (
        <Form.Item name="periodMonths" label={t('contract.period')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={periods.map((n) => ({ value: n, label: monthsLabel(t, n) }))}
            data-testid="dialog-period"
          />
        </Form.Item>
      )}
    </FormDialog>
  );
}
