import { Typography } from 'antd';
import type { ContractRef } from '../contracts.ts';
import { useT } from '../../../i18n/index.tsx';
import { FormDialog } from '../../../ui/FormDialog.tsx';
import { useSubmit } from '../../../ui/useSubmit.ts';
import { actionLabel, useContractAction } from '../contracts.ts';

/** Commands without input: submit (send the payment link), approve, resume. */
export function ConfirmDialog({ contract, action, onClose }: { contract: ContractRef; action: 'submit' | 'approve' | 'resume'; onClose: () => void }) {
  const t = useT();
  const run = useContractAction(contract.id, action);
  const send = useSubmit(run, t('action.done', { action: actionLabel(t, action) }), onClose);

  const submit = () => send({});

  return (
    <FormDialog
      title={`${actionLabel(t, action)} — ${contract.number}`}
      okText={actionLabel(t, action)}
      onClose={onClose}
      onFinish={submit}
      loading={run.isPending}
    >
      <Typography.Paragraph>{t(`confirm.${action}`, { number: contract.number, customer: contract.customer?.name ?? '—' })}</Typography.Paragraph>
    </FormDialog>
  );
}
