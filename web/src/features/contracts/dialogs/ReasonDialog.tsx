import { Form, Input, Typography } from 'antd';
import type { ContractRef } from '../contracts.ts';
import { useT } from '../../../i18n/index.tsx';
import { FormDialog } from '../../../ui/FormDialog.tsx';
import { requiredRule } from '../../../ui/rules.ts';
import { useSubmit } from '../../../ui/useSubmit.ts';
import { actionLabel, useContractAction } from '../contracts.ts';

/** Commands that need a reason: reject, cancel, suspend. */
export function ReasonDialog({ contract, action, onClose }: { contract: ContractRef; action: 'reject' | 'cancel' | 'suspend'; onClose: () => void }) {
  const t = useT();
  const run = useContractAction(contract.id, action);
  const send = useSubmit(run, t('action.done', { action: actionLabel(t, action) }), onClose);

  const submit = ({ reason }: { reason: string }) => send({ reason: reason.trim() });

  return (
    <FormDialog<{ reason: string }>
      title={`${actionLabel(t, action)} — ${contract.number}`}
      okText={actionLabel(t, action)}
      okDanger
      cancelText={action === 'cancel' ? t('common.close') : undefined}
      onClose={onClose}
      onFinish={submit}
      loading={run.isPending}
    >
      <Typography.Paragraph type="secondary">{t(`confirm.${action}`, { number: contract.number, customer: contract.customer?.name ?? '—' })}</Typography.Paragraph>
      <Form.Item name="reason" label={t('common.reason')} rules={[requiredRule(t, t('common.reason')), { min: 3, message: t('common.minLength', { n: 3 }) }]}>
        <Input.TextArea rows={3} maxLength={1000} autoFocus data-testid="dialog-reason" />
      </Form.Item>
    </FormDialog>
  );
}
