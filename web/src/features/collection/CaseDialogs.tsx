import { DatePicker, Form, Input } from 'antd';
import type { CollectionCase } from '@contracts/collection';
import { useT } from '../../i18n/index.tsx';
import { FormDialog } from '../../ui/FormDialog.tsx';
import { MoneyInput } from '../../ui/MoneyInput.tsx';
import { useSubmit } from '../../ui/useSubmit.ts';
import { useCollectionCommand } from './collection.ts';

export type CaseCommand = 'assign' | 'promise' | 'writeOff';

interface Values {
  assigneeUsername?: string;
  promisedDate?: { format(f: string): string };
  amountVnd?: string;
  note?: string;
  reason?: string;
}

const PATHS: Record<CaseCommand, string> = { assign: 'assign', promise: 'promises', writeOff: 'write-off' };

/** One dialog per command on a collection case: assign it, note a promise to pay, request a write-off. */
export function CaseDialog({ command, item, onClose }: { command: CaseCommand; item: CollectionCase; onClose: () => void }) {
  const t = useT();
  const mutation = useCollectionCommand<Values>(() => `/api/v1/collection/cases/${encodeURIComponent(item.id)}/${PATHS[command]}`, 'post', (v) => {
    if (command === 'assign') return { assigneeUsername: v.assigneeUsername };
    if (command === 'promise') return { promisedDate: v.promisedDate!.format('YYYY-MM-DD'), amountVnd: v.amountVnd, ...(v.note ? { note: v.note } : {}) };
    return { reason: v.reason };
  });
  const done = { assign: t('debt.assigned'), promise: t('debt.promised'), writeOff: t('debt.writeOffRequested') }[command];
  const submit = useSubmit(mutation, done, onClose);
  const title = { assign: t('debt.assignTitle'), promise: t('debt.promiseTitle'), writeOff: t('debt.writeOffTitle') }[command];
  return (
    <FormDialog<Values> title={
      `${title} — ${item.contractNumber}`
    } onClose={onClose} onFinish={submit} loading={mutation.isPending} okDanger={command === 'writeOff'}>
      {command === 'assign' && (
        <Form.Item name="assigneeUsername" label={t('debt.assigneeUsername')} rules={[{ required: true }]}>
          <Input autoFocus />
        </Form.Item>
      )}
      {command === 'promise' && (
        <>
          <Form.Item name="promisedDate" label={t('debt.promisedDate')} rules={[{ required: true }]}>
            <DatePicker format="DD/MM/YYYY" />
          </Form.Item>
          <Form.Item name="amountVnd" label={t('debt.amount')} rules={[{ required: true }]}>
            <MoneyInput />
          </Form.Item>
          <Form.Item name="note" label={t('debt.note')}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </>
      )}
      {command === 'writeOff' && (
        <Form.Item name="reason" label={t('debt.reason')} rules={[{ required: true, min: 5 }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      )}
    </FormDialog>
  );
}
