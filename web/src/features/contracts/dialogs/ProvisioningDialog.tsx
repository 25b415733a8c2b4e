import { Form, Input } from 'antd';
import type * as c from '@contracts/contracts';
import type { ContractDetail } from '@contracts/contracts';
import type { z } from 'zod';
import { useT } from '../../../i18n/index.tsx';
import { FormDialog } from '../../../ui/FormDialog.tsx';
import { requiredRule } from '../../../ui/rules.ts';
import { useSubmit } from '../../../ui/useSubmit.ts';
import { actionLabel, useContractAction } from '../contracts.ts';

type Values = z.input<typeof c.accountBody>;

/** Ops created the customer's account (C4): its reference goes back to the signing unit. */
export function ProvisioningDialog({ contract, onClose }: { contract: ContractDetail; onClose: () => void }) {
  const t = useT();
  const run = useContractAction(contract.id, 'complete_provisioning');
  const send = useSubmit(run, t('action.done', { action: actionLabel(t, 'complete_provisioning') }), onClose);

  const submit = (v: Values) =>
    send({
      accountRef: v.accountRef.trim(),
      ...(v.accessUrl?.trim() ? { accessUrl: v.accessUrl.trim() } : {}),
      ...(v.note?.trim() ? { note: v.note.trim() } : {}),
    });

  return (
    <FormDialog<Values>
      title={`${actionLabel(t, 'complete_provisioning')} — ${contract.number}`}
      okText={actionLabel(t, 'complete_provisioning')}
      onClose={onClose}
      onFinish={submit}
      loading={run.isPending}
    >
      <Form.Item
        name="accountRef"
        label={t('contract.accountRef')}
        extra={t('provision.accountRefHint')}
        rules={[requiredRule(t, t('contract.accountRef')), { min: 2, message: t('common.minLength', { n: 2 }) }]}
      >
        <Input maxLength={200} autoFocus data-testid="dialog-account-ref" />
      </Form.Item>
      <Form.Item
        name="accessUrl"
        label={t('service.link')}
        extra={t('provision.accessUrlHint')}
        rules={[{ type: 'url', message: t('provision.accessUrlHint') }]}
      >
        <Input maxLength={500} placeholder="https://" data-testid="dialog-access-url" />
      </Form.Item>
      <Form.Item name="note" label={t('contract.note')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </FormDialog>
  );
}
