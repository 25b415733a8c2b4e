import { describe, expect, it } from 'vitest';
import { accessRefusal } from './access.ts';

describe('who may call the eKYC API', () => {
  it('an active contract only; suspended, ended and unfinished ones each with their code', () => {
    expect(accessRefusal('active')).toBeNull();
    expect(accessRefusal('suspended')).toBe('EKYC_CONTRACT_SUSPENDED');
    for (const s of ['terminated', 'expired', 'cancelled', 'rejected']) expect(accessRefusal(s)).toBe('EKYC_CONTRACT_TERMINATED');
    for (const s of ['draft', 'pending_approval', 'awaiting_payment', 'provisioning']) expect(accessRefusal(s)).toBe('EKYC_CONTRACT_NOT_ACTIVE');
  });
});
