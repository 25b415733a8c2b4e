import { describe, expect, it } from 'vitest';
import { SMS } from './messages.ts';

describe('billpay SMS texts', () => {
  it('the confirmation names the number, the amount, the local time and the reference', () => {
    const at = new Date('2026-03-02T17:05:00Z'); // 00:05 on 3 March in Vietnam
    expect(SMS.done('bill', '0901234567', 1_250_000n, at, 'bpo_1')).toBe(
      'MobiFone: Thue bao 0901234567 da thanh toan thanh cong 1.250.000d cuoc dich vu luc 00:05 03/03/2026. Ma GD bpo_1. Cam on quy khach.',
    );
    expect(SMS.done('topup', '0701234567', 50_000n, at, 'bpo_2')).toContain('da duoc nap thanh cong 50.000d');
  });

  it('E7 is the seed\'s text', () => {
    expect(SMS.cancelled).toBe('Giao dich thanh toan/nap tien cua quy khach da bi huy do khong hop le. Thong tin chi tiet lien he 9090');
  });
});
