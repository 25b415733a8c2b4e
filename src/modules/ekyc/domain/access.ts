/**
 * Whether a contract's API key may call eKYC now: only an active contract; a suspended one (debt,
 * G2) and an ended one are refused with their own codes. Pure.
 */
export type AccessRefusal = 'EKYC_CONTRACT_SUSPENDED' | 'EKYC_CONTRACT_TERMINATED' | 'EKYC_CONTRACT_NOT_ACTIVE';

const ENDED = new Set(['terminated', 'expired', 'cancelled', 'rejected']);

export function accessRefusal(status: string): AccessRefusal | null {
  if (status === 'active') return null;
  if (status === 'suspended') return 'EKYC_CONTRACT_SUSPENDED';
  if (ENDED.has(status)) return 'EKYC_CONTRACT_TERMINATED';
  return 'EKYC_CONTRACT_NOT_ACTIVE';
}
