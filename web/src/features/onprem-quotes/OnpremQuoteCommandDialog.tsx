import { Form, Input, Typography } from 'antd';
import type { OnpremQuote } from '@contracts/catalog';
import { useT } from '../../i18n/index.tsx';
import { FormDialog } from '../../ui/FormDialog.tsx';
import { formatMoney } from '../../ui/format.ts';
import { requiredRule } from '../../ui/rules.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import { quoteCustomerName, quoteProductName, useOnpremCommand, type OnpremCommand } from './onpremQuotes.ts';

/** Submit for approval, approve, or reject (with a reason) one On-Premise quote. */
export function OnpremQuoteCommandDialog({ quote, command, onClose }: { quote: OnpremQuote; command: OnpremCommand; onClose: () => void }) {
  const t = useT();
  const run = useOnpremCommand(quote.id, command);
  const vars = { number: quote.number };
  const send = useSubmit(run, t(`onprem.done.${command}`, vars), onClose);

  const submit = (v: { reason?: string }) => send(command === 'reject' ? { reason: v.reason?.trim() } : {});

  return (
    <FormDialog<{ reason?: string }>
      title={t(`onprem.title.${command}`, vars)}
      okText={t(`onprem.${command}`)}
      okDanger={command === 'reject'}
      onClose={onClose}
      onFinish={submit}
      loading={run.isPending}
    >
      <Typography.Paragraph>
        {quoteCustomerName(quote)} · {quoteProductName(quote)} · <strong>{formatMoney(quote.totalVnd)}</strong>
      </Typography.Paragraph>
      {command === 'reject' ? (
        <Form.Item name="reason" label={t('common.reason')} rules={[requiredRule(t, t('common.reason'))]}>
          <Input.TextArea rows={3} maxLength={1000} autoFocus data-testid="dialog-reason" />
        </Form.Item>
      ) : (
        <Typography.Paragraph type="secondary">{t(`onprem.confirm.${command}`)}</Typography.Paragraph>
      )}
    </FormDialog>
  );
}
