import { SIMULATOR_VNPAY } from '../src/config.ts';
import { signParams } from '../src/protocols/vnpay/protocol.ts';

/**
 * The query of the IPN VNPay sends when the payment behind `payUrl` succeeds, signed with the
 * simulator's secret, as a test or benchmark would receive it from VNPay (`n` makes its bank numbers unique).
 */
export function paidIpnQuery(payUrl: string, n: number): string {
  const q = new URL(payUrl).searchParams;
  const fields: Record<string, string> = {
    vnp_Amount: q.get('vnp_Amount')!,
    vnp_BankCode: 'NCB',
    vnp_BankTranNo: `VNP${n}`,
    vnp_CardType: 'ATM',
    vnp_OrderInfo: q.get('vnp_OrderInfo')!,
    vnp_PayDate: '20260302091500',
    vnp_ResponseCode: '00',
    vnp_TmnCode: q.get('vnp_TmnCode')!,
    vnp_TransactionNo: String(14000000 + n),
    vnp_TransactionStatus: '00',
    vnp_TxnRef: q.get('vnp_TxnRef')!,
  };
  return `${new URLSearchParams({ ...fields, vnp_SecureHash: signParams(fields, SIMULATOR_VNPAY.hashSecret) })}`;
}
