import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { DEFAULT_SLA_POLICIES } from './contract.ts';
import { validatePolicy } from './domain/sla.ts';
import { supportError } from './errors.ts';

describe('support errors', () => {
  it('name the contract and the customer that do not belong together', () => {
    const e = supportError('TICKET_CONTRACT_OF_ANOTHER_CUSTOMER', { contractId: 'ctr_1', customerId: 'cus_2' });
    expect([e.code, e.status, e.details]).toEqual(['TICKET_CONTRACT_OF_ANOTHER_CUSTOMER', 400, { contractId: 'ctr_1', customerId: 'cus_2' }]);
    expect(e.localizedMessage('vi')).toBe('Hợp đồng ctr_1 không thuộc khách hàng cus_2');
    expect(e.localizedMessage('en')).toBe('Contract ctr_1 does not belong to customer cus_2');
  });

  it('a refused SLA policy keeps the generic code, each language whole', () => {
    try {
      validatePolicy({ ...DEFAULT_SLA_POLICIES.incident, totalMin: 0 });
      expect.unreachable();
    } catch (e) {
      const err = e as AppError;
      expect(err.code).toBe('VALIDATION_FAILED');
      expect(err.localizedMessage('vi')).toBe('Dữ liệu không hợp lệ: chính sách SLA có giá trị không hợp lệ ở: totalMin');
      expect(err.localizedMessage('en')).toBe('Invalid input: totalMin must be a positive whole number of minutes');
    }
  });
});
