import { Link } from 'react-router';
import { useContract } from './contracts.ts';

/** A link to a contract that reads as its number (HD-2026-000042), not as "Mở" or an id. */
export function ContractLink({ id }: { id: string }) {
  const contract = useContract(id);
  return (
    <Link to={`/contracts/${id}`} className="mono" data-testid="contract-link">
      {contract.data?.number ?? '…'}
    </Link>
  );
}
