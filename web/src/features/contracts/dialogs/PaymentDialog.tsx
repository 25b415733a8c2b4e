import type { Amendment, ContractDetail } from '@contracts/contracts';
import { ManualPaymentDialog } from '../../payments/ManualPaymentDialog.tsx';

/** A bank transfer for the contract, or for one appendix awaiting payment (recorded in the payments ledger). */
export function PaymentDialog({ contract, amendment, onClose }: { contract: ContractDetail; amendment?: Amendment; onClose: () => void }) {
  const due = amendment ? (amendment.payableVnd ?? amendment.netVnd) : contract.totalVnd;
  return <ManualPaymentDialog contractId={contract.id} contractNumber={contract.number} amendmentId={amendment?.id} dueVnd={due} onClose={onClose} />;
}
