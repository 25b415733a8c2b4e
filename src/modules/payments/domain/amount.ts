import { paymentError } from '../errors.ts';
import { vnpayAcceptsAmount } from '../../../protocols/vnpay/protocol.ts';

/** A payment VNPay can take: whole đồng from 1 to 9,999,999,999 (else PAYMENT_AMOUNT_OUT_OF_RANGE). */
export function assertVnpayAmount(amountVnd: bigint): void {
  if (!vnpayAcceptsAmount(amountVnd)) throw paymentError('PAYMENT_AMOUNT_OUT_OF_RANGE', { amountVnd: amountVnd.toString(), maxVnd: '9999999999' });
}
