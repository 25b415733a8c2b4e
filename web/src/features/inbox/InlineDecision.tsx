import { useState } from 'react';
import { Button, Space } from 'antd';
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import type { Task } from '@contracts/contracts';
import { useT } from '../../i18n/index.tsx';
import { actionLabel } from '../contracts/contracts.ts';
import { ConfirmDialog } from '../contracts/dialogs/ConfirmDialog.tsx';
import { ReasonDialog } from '../contracts/dialogs/ReasonDialog.tsx';

/** An approver approves, or rejects with a reason, right from the inbox row (the server checks level and scope). */
export function InlineDecision({ task }: { task: Task }) {
  const t = useT();
  const [open, setOpen] = useState<'approve' | 'reject' | null>(null);
  const approval = task.kind === 'approve_ctkv' || task.kind === 'approve_ttcntt';
  if (!approval || task.status !== 'open' || task.contract.status !== 'pending_approval') return null;
  const contract = { id: task.contract.id, number: task.contract.number, customer: { name: task.contract.customerName } };
  return (
    // The row opens the contract; the buttons act here instead.
    <span onClick={(e) => e.stopPropagation()}>
      <Space size={4}>
        <Button size="small" type="primary" icon={<CheckOutlined />} onClick={() => setOpen('approve')} data-testid={`inbox-approve-${task.contract.number}`}>
          {actionLabel(t, 'approve')}
        </Button>
        <Button size="small" danger icon={<CloseOutlined />} onClick={() => setOpen('reject')} data-testid={`inbox-reject-${task.contract.number}`}>
          {actionLabel(t, 'reject')}
        </Button>
      </Space>
      {open === 'approve' && <ConfirmDialog contract={contract} action="approve" onClose={() => setOpen(null)} />}
      {open === 'reject' && <ReasonDialog contract={contract} action="reject" onClose={() => setOpen(null)} />}
    </span>
  );
}
