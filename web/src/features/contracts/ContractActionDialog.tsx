import type { ContractAction, ContractDetail } from '@contracts/contracts';
import { AmendDialog } from './dialogs/AmendDialog.tsx';
import { ConfirmDialog } from './dialogs/ConfirmDialog.tsx';
import { PaymentDialog } from './dialogs/PaymentDialog.tsx';
import { ProvisioningDialog } from './dialogs/ProvisioningDialog.tsx';
import { ReasonDialog } from './dialogs/ReasonDialog.tsx';
import { RenewDialog } from './dialogs/RenewDialog.tsx';
import { TerminateDialog } from './dialogs/TerminateDialog.tsx';

/** The dialog of one command from the contract's `allowedActions`. */
export function ContractActionDialog({ contract, action, onClose }: { contract: ContractDetail; action: ContractAction; onClose: () => void }) {
  const props = { contract, onClose };
  switch (action) {
    case 'submit':
    case 'approve':
    case 'resume':
      return <ConfirmDialog {...props} action={action} />;
    case 'reject':
    case 'cancel':
    case 'suspend':
      return <ReasonDialog {...props} action={action} />;
    case 'complete_provisioning':
      return <ProvisioningDialog {...props} />;
    case 'record_payment':
      return <PaymentDialog {...props} />;
    case 'terminate':
      return <TerminateDialog {...props} />;
    case 'renew':
      return <RenewDialog {...props} />;
    case 'amend':
      return <AmendDialog {...props} />;
    default:
      return null;
  }
}
