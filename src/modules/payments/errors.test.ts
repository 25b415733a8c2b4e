import { describe, expect, it } from 'vitest';
import { paymentError } from './errors.ts';

describe('payment errors', () => {
  it('name the amounts in đồng in each language, and carry them as details', () => {
    const e = paymentError('REFUND_EXCEEDS_REMAINING', { amountVnd: '2000000', remainingVnd: '1500000' });
    expect([e.code, e.status, e.details]).toEqual(['REFUND_EXCEEDS_REMAINING', 409, { amountVnd: '2000000', remainingVnd: '1500000' }]);
    expect(e.localizedMessage('vi')).toBe('Số tiền hoàn 2.000.000 ₫ vượt quá số tiền còn có thể hoàn (1.500.000 ₫)');
    expect(e.localizedMessage('en')).toBe('The refund of 2.000.000 ₫ exceeds what is left to refund (1.500.000 ₫)');
  });

  it("name VNPay's limit and the refused IPN source", () => {
    const range = paymentError('PAYMENT_AMOUNT_OUT_OF_RANGE', { amountVnd: '10000000000', maxVnd: '9999999999' });
    expect(range.status).toBe(400);
    expect(range.localizedMessage('vi')).toBe('Số tiền 10.000.000.000 ₫ nằm ngoài giới hạn thanh toán qua VNPay (tối đa 9.999.999.999 ₫)');
    expect(range.localizedMessage('en')).toBe('The amount 10.000.000.000 ₫ is outside what VNPay accepts (at most 9.999.999.999 ₫)');
    const ipn = paymentError('VNPAY_SOURCE_NOT_ALLOWED', { ip: '203.0.113.9' });
    expect([ipn.status, ipn.localizedMessage('vi'), ipn.localizedMessage('en')]).toEqual([
      403,
      'Địa chỉ gửi IPN 203.0.113.9 không nằm trong danh sách VNPay được phép',
      'The IPN source address 203.0.113.9 is not on the VNPay allow-list',
    ]);
  });

  it('a payment no longer awaiting money names its status; a plain code keeps its details', () => {
    const e = paymentError('PAYMENT_NOT_PAYABLE', { payment: 'pay_1', status: 'paid' });
    expect([e.status, e.localizedMessage('vi'), e.localizedMessage('en')]).toEqual([
      409,
      'Khoản thanh toán pay_1 không còn chờ thanh toán (trạng thái paid)',
      'Payment pay_1 is no longer awaiting money (status paid)',
    ]);
    const expired = paymentError('PAYMENT_LINK_EXPIRED');
    expect([expired.status, expired.details]).toEqual([410, undefined]);
    expect(paymentError('PAYMENT_ALREADY_RECORDED', { bankRef: 'FT1' }).details).toEqual({ bankRef: 'FT1' });
  });
});
